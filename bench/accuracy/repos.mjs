// The public applications the accuracy benchmark measures on: code no one on this project
// wrote, pinned by commit. Only these names, commits and our labels are committed; the code
// itself is brought into the git-ignored bench cache by `fetch.mjs`. `verdictRate` is the share of
// findings drawn for verdicts, set once so that about 40 of each repository's were drawn.
export const REPOS = [
  {
    id: 'atomic-crm',
    verdictRate: 0.075,
    repo: 'marmelab/atomic-crm',
    commit: 'dce557e2741eab9e24453b9f59e64eb2ea92da6b',
    why: 'a CRM on react-admin: contacts, companies, deals; Supabase migrations with PL/pgSQL functions and triggers',
  },
  {
    id: 'basejump',
    verdictRate: 1,
    repo: 'usebasejump/basejump',
    commit: 'cfaeaa314e2bd336ff296c8b45fa5f0fa7e4856b',
    why: 'accounts, invitations and billing as Supabase SQL: almost all PL/pgSQL functions',
  },
  {
    id: 'documenso',
    verdictRate: 0.014,
    repo: 'documenso/documenso',
    commit: '75330166cc00b29c14399bc2e391e4b4d8080c00',
    why: 'an e-signature app: recipients, signers, fields; Prisma and tRPC',
  },
  {
    id: 'rallly',
    verdictRate: 0.07,
    repo: 'lukevella/rallly',
    commit: 'c629b3148024e40a115a731d3660d725c9329b0e',
    why: 'a scheduling and booking app: participants, polls, time zones; Prisma',
  },
  {
    id: 'excalidraw',
    verdictRate: 0.3,
    repo: 'excalidraw/excalidraw',
    commit: '4872083c044491b6d5c96ae134a75464f96d6831',
    why: 'trap-heavy drawing UI: positions, names, titles, ranges and speeds that are not personal data',
  },
  {
    id: 'vehicle-tracker',
    verdictRate: 1,
    repo: 'radityadias/widya_vehicle_tracker',
    commit: '00fd8e82bb42f7aea1a52aaee6e5198c2bda49e6',
    why: 'a small vehicle dashboard: fuel level, odometer, position, users; Prisma migrations',
  },
];

/** Files that are tests, fixtures, seeds or stories: labelled apart, as Catalint reports them apart. */
export const TEST_LIKE =
  /(^|\/)(__tests__|__mocks__|tests?|e2e|fixtures?|seeds?|stories|\.storybook|playwright)(\/|$)|\.(spec|test|stories|e2e)\.[^/]+$|(^|\/)seed[^/]*\.(sql|ts)$/i;

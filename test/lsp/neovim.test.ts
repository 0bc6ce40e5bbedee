/**
 * A second real editor: headless Neovim 0.7 (Debian's) starts `catalint --lsp` on stdio with its
 * built-in LSP client, and must get the same findings the CLI reports for the file.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureServerBuilt, repoRoot, TempWorkspace } from './client';

const SERVICE = `interface Customer {
  email: string;
}

export function notify(customer: Customer, vehicle: Vehicle): void {
  mailer.send(customer.email, vehicle.mileage);
  render(template.fileName);
}
`;

/** Opens the file, attaches the server, writes the first non-empty publish to a file and quits. */
const INIT_LUA = `
vim.cmd('filetype on')
local out = os.getenv('CATALINT_NVIM_OUT')
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()
  local id = vim.lsp.start_client({
    name = 'catalint',
    cmd = { os.getenv('CATALINT_NODE'), os.getenv('CATALINT_BIN'), '--lsp' },
    root_dir = os.getenv('CATALINT_ROOT'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result and #result.diagnostics > 0 then
          local f = io.open(out, 'w')
          f:write(vim.fn.json_encode(result))
          f:close()
          vim.cmd('qall!')
        end
      end,
    },
  })
  vim.lsp.buf_attach_client(0, id)
  -- A bound, not a wait: a server that never answers fails the test instead of hanging it.
  vim.defer_fn(function() vim.cmd('cquit 3') end, 30000)
end })
`;

interface Published {
  uri: string;
  diagnostics: { range: { start: { line: number; character: number } }; code: string; source: string }[];
}

describe('Neovim over catalint --lsp', function () {
  this.timeout(60_000);

  it('shows the diagnostics the CLI reports', async function () {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (nvim.status !== 0) {
      // CI installs Neovim; a machine without it may skip, CI may not.
      if (process.env.CI) assert.fail('nvim is not installed (apt-get install -y neovim)');
      this.skip();
    }
    ensureServerBuilt();
    const root = repoRoot();
    const ws = new TempWorkspace({ 'src/service.ts': SERVICE, 'init.lua': INIT_LUA });
    try {
      const out = ws.path('published.json');
      const child = spawn('nvim', ['--headless', '-u', ws.path('init.lua'), ws.path('src/service.ts')], {
        cwd: ws.dir,
        env: {
          ...process.env,
          CATALINT_NVIM_OUT: out,
          CATALINT_NODE: process.execPath,
          CATALINT_BIN: path.join(root, 'bin', 'catalint.js'),
          CATALINT_ROOT: ws.dir,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, `nvim exited with ${code}: ${stderr}`);
      const published = JSON.parse(fs.readFileSync(out, 'utf8')) as Published;
      const fromEditor = published.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort();

      const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'catalint.js'), 'src', '--format', 'json'], {
        cwd: ws.dir,
        encoding: 'utf8',
      });
      const findings = (JSON.parse(cli.stdout) as { findings: { line: number; column: number; rule: string }[] }).findings;
      const fromCli = findings.map((f) => `${f.line}:${f.column} ${f.rule}`).sort();
      assert.deepEqual(fromEditor, fromCli);
      assert.ok(fromEditor.includes('6:24 consent-required'), fromEditor.join('\n'));
      assert.ok(published.diagnostics.every((d) => d.source === 'catalint'));
    } finally {
      ws.dispose();
    }
  });
});

/**
 * Entry of dist/server.js. The VS Code client starts it with `--node-ipc`; other editors with
 * `--stdio` (or through `catalint --lsp`, which calls startServer directly).
 */
import { startServer } from './server';

// Its own file is the program a workspace scan's worker runs.
startServer(process.argv.includes('--stdio') ? 'stdio' : 'auto', __filename);

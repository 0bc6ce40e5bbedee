/** The VS Code client starts the bundle over node IPC; every other test here uses stdio. */
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { ExitNotification, InitializeRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, TempWorkspace } from './client';

describe('LSP transports', function () {
  this.timeout(30_000);

  it('serves over node IPC when started with --node-ipc, as the VS Code client does', async () => {
    const ws = new TempWorkspace({});
    const child = fork(ensureServerBuilt(), ['--node-ipc'], { silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: ws.uri(),
        capabilities: {},
        workspaceFolders: null,
      });
      assert.equal(result.serverInfo?.name, 'catalint');
      assert.equal(result.capabilities.hoverProvider, true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
      ws.dispose();
    }
  });
});

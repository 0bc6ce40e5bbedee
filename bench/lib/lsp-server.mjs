// Shutting down a language server a bench started: politely first (shutdown, exit), so a
// profiling server writes its profile on the way out; killed if it has not gone in 5 s.
export async function stopServer(server) {
  await server.connection.sendRequest('shutdown').catch(() => {});
  await server.connection.sendNotification('exit').catch(() => {});
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.child.kill();
      resolve();
    }, 5000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  server.connection.dispose();
}

/** The client side of `initialize` as a quiet client does it, with `settings` for section `catalint`; the server's answer. */
export async function initializeServer(connection, rootUri, name, settings) {
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name }],
    initializationOptions: { settings, debounceMs: 0 },
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: { catalint: settings } });
  return init;
}

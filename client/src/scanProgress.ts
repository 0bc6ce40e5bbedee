/**
 * `catalint.scanWorkspace` with a notification the user can cancel. The language client would
 * show the server's progress in the status bar only, where it has no Cancel button; instead the
 * request carries a progress token of the client's own, shown as a cancellable notification, and
 * Cancel cancels the request: the server stops between two files and answers what it scanned,
 * with `cancelled: true`.
 */
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  WorkDoneProgress,
  type LanguageClient,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
  type WorkDoneProgressEnd,
} from 'vscode-languageclient/node';

/** The command as the server registers it (server/src/lsp/protocol.ts). */
export const SCAN_WORKSPACE_COMMAND = 'catalint.scanWorkspace';

let sequence = 0;

export function scanWithProgress(client: LanguageClient, args: unknown[]): Thenable<unknown> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Catalint: scanning the workspace', cancellable: true },
    async (progress, cancel) => {
      const workDoneToken = `catalint-scan-${process.pid}-${++sequence}`;
      let shown = 0;
      const listening = client.onProgress(
        WorkDoneProgress.type,
        workDoneToken,
        (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
          if (value.kind === 'end') return;
          const percentage = value.percentage ?? shown;
          progress.report({ message: value.message, increment: Math.max(0, percentage - shown) });
          shown = Math.max(shown, percentage);
        },
      );
      try {
        return await client.sendRequest(
          ExecuteCommandRequest.type,
          { command: SCAN_WORKSPACE_COMMAND, arguments: args, workDoneToken },
          cancel,
        );
      } finally {
        listening.dispose();
      }
    },
  );
}

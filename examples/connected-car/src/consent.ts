// The consent flags a request carries, as the identity service resolves them.

export interface ConsentContext {
  readonly granted: ReadonlySet<string>;
}

export function hasConsent(ctx: ConsentContext, condition: string): boolean {
  return ctx.granted.has(condition);
}

export function requireConsent(ctx: ConsentContext, condition: string): void {
  if (!ctx.granted.has(condition)) throw new Error(`missing consent: ${condition}`);
}

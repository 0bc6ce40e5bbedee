interface VisitorSession {
  sessionId: string;
  cookies: Record<string, string>;
  pageViews: number;
}

/**
 * Analytics for logged-in users who also accepted the cookie policy.
 * @consent registered-user, cookie-consent
 */
export function trackingPayload(session: VisitorSession): object {
  return { session: session.sessionId, cookies: session.cookies, views: session.pageViews };
}

/**
 * Logged in is not enough for cookies: the cookie policy must be accepted too.
 * @consent registered-user
 */
export function cookieCount(session: VisitorSession): number {
  return Object.keys(session.cookies).length + session.pageViews;
}

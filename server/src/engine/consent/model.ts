import type { Span } from '../occurrence';

/** Where a declared condition comes from: shown in hovers and used to explain a finding. */
export type ConsentOrigin = 'file-directive' | 'function-directive' | 'statement-directive' | 'guard' | 'config';

/** Conditions declared over a stretch of the document. */
export interface ConsentRegion {
  /** Text covered: an offset `o` is covered when `start <= o < end`. */
  readonly span: Span;
  readonly conditions: readonly string[];
  readonly origin: ConsentOrigin;
  /** The comment or guard that declares it, when it is in the document. */
  readonly declaredAt?: Span;
}

/** `catalint-disable-next-line [rule...] -- reason` */
export interface Suppression {
  /** The directive comment itself. */
  readonly span: Span;
  /** 0-based line the directive applies to. */
  readonly line: number;
  /** Rule ids it names; empty means every rule. */
  readonly rules: readonly string[];
  readonly reason?: string;
}

/** A `@consent` id found in a directive or guard, kept so unknown ids can be reported. */
export interface ConditionReference {
  readonly id: string;
  readonly span: Span;
}

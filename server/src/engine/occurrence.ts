/**
 * What a scanner produces: a name as written in the source, where it is, and what it belongs to.
 * Scanners know nothing of the catalog; the matcher decides what an occurrence means.
 */

/** A half-open range of UTF-16 code-unit offsets into the document text (as JS strings and LSP count). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * `declaration` classifies a field (interface member, column definition): rule `catalog-field`.
 * `use` reads or writes the data and needs consent: rule `consent-required`.
 */
export type Role = 'declaration' | 'use';

/** How the name appeared; shown in explanations and used by quick fixes. */
export type Syntax =
  | 'property-signature'
  | 'property-declaration'
  | 'property-access'
  | 'element-access'
  | 'object-key'
  | 'shorthand-property'
  | 'destructuring'
  | 'variable'
  | 'reference'
  | 'parameter'
  | 'string-column'
  | 'sql-column-definition'
  | 'sql-column';

export interface Occurrence {
  /** The identifier exactly as written (without quotes). */
  readonly name: string;
  /** Range of the identifier itself, never of a whole qualified name. */
  readonly span: Span;
  readonly role: Role;
  readonly syntax: Syntax;
  /**
   * Names of what the occurrence belongs to, nearest first: the receiver (`customer` in
   * `customer.name`), the declaring type (`Customer`), the table (`customers`), or what an alias
   * or variable resolves to. Empty when nothing is known.
   */
  readonly context: readonly string[];
  /**
   * For a variable, the expression it is initialised from. When that expression is flagged
   * itself (`const dob = customer.birthDate`), the variable adds nothing and is not reported.
   */
  readonly derivedFrom?: Span;
  /** The function or method the name is in (`mailingLabel`, `CustomerService.notify`), when it has a name. */
  readonly container?: string;
}

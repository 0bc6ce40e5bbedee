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
  /**
   * What the type checker resolved the name to (type-aware analysis only): the declaration it
   * reads, whose name and owner the matcher judges instead of the spelling at the use.
   */
  readonly declaredAs?: DeclaredAs;
  /** A `@catalog` tag written on this declaration, or inherited from its type (see `CatalogTag`). */
  readonly tag?: CatalogTag;
}

/**
 * `/** @catalog vehicle.mileage *\/` on a field, parameter or type: an explicit category, or
 * `none` to declassify. `span` is the id in the comment, where an unknown id is reported; it is
 * absent when the tag was written in another file (type-aware analysis).
 */
export interface CatalogTag {
  readonly id: string;
  readonly span?: Span;
}

/** The declaration a use resolves to through the type checker. */
export interface DeclaredAs {
  /** The declared name (`email` for `const { email: to } = customer`). */
  readonly name: string;
  /** Names of the declared types and members that hold it, nearest first (`Customer`). */
  readonly owner: readonly string[];
  /** Where it is declared, as shown to people (`src/customer.ts`), and its 1-based line. */
  readonly file: string;
  readonly line: number;
  readonly tag?: CatalogTag;
  /**
   * Declared in a library (node_modules, the standard library): its types are generic records
   * (`RaRecord.id`) that cannot know whose data they hold.
   */
  readonly external?: true;
}

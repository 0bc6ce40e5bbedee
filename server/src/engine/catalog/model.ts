/**
 * The catalog as Catalint understands it, after loading and validation. One place for the
 * concept: the loader builds it, the matcher compiles it, the front ends read labels from it.
 * The on-disk format is described by `catalog/catalog.schema.json`.
 */

export type Kind = 'personal' | 'telemetry';

export interface Label {
  readonly en: string;
  /** The seed document's wording (French for the built-in catalog). */
  readonly fr?: string;
}

export interface Condition {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * What consent a category needs, in disjunctive normal form: the requirement is met when every
 * condition of at least one alternative is declared. `anyOf: [a, b]` is `[[a], [b]]`;
 * `allOf: [a, b]` is `[[a, b]]`.
 */
export type Requirement = readonly (readonly string[])[];

export interface Group {
  readonly id: string;
  readonly label: Label;
  readonly kind: Kind;
  readonly requires: Requirement;
  /** Words naming what this group's data belongs to (`customer`, `vehicle`): context for weak terms. */
  readonly subjects: readonly string[];
}

export interface Category {
  readonly id: string;
  readonly group: string;
  readonly label: Label;
  readonly kind: Kind;
  readonly requires: Requirement;
  /** Terms that flag a name on their own (`dateOfBirth`, `vin`). */
  readonly strong: readonly string[];
  /** Terms that flag a name only when its context names a subject (`customer.name`). */
  readonly weak: readonly string[];
  /** Subjects of the group, plus the category's own. */
  readonly subjects: readonly string[];
  /** Names that contain a term but are not this category (`ipAddress` for an address). */
  readonly exclude: readonly string[];
  /** The Fides taxonomy data category it maps to (`user.contact.email`), when the catalog says. */
  readonly fides?: string;
}

export interface Catalog {
  /** Files the catalog was built from, built-in first; for messages and cache keys. */
  readonly sources: readonly string[];
  readonly conditions: ReadonlyMap<string, Condition>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly categories: ReadonlyMap<string, Category>;
  /** Names that are never catalog data, whatever they contain (`fileName`, `emailTemplateId`). */
  readonly exclude: readonly string[];
  /** Objects whose members are never catalog data (`style`, `chart`, `animation`). */
  readonly excludeContexts: readonly string[];
  /**
   * Tokens that may follow a term without changing what the name is about
   * (`emailAddress`, `phoneNumber`, `birthDateValue`); any other trailing token means the
   * name is about something else (`emailTemplateId`).
   */
  readonly qualifiers: readonly string[];
}

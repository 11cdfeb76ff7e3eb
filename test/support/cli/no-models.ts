/** A models file that declares no @Table class. */
export const nothingHere = true;

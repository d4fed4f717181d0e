// The bounds of a card's fields: one table for the editor, the importers and the backup format.

/**
 * Far above real use: they exist so that a damaged or hostile file is refused with a plain message
 * instead of freezing the device, and so that every card the editor saves can be restored.
 */
export const CARD_LIMITS = {
  /** Ids, tags, card numbers, skills, question type. */
  shortText: 200,
  /** Any other text field (question, key point, example answer, notes…). */
  text: 100_000,
  /** Key points, pitfalls, tags of one card; recalled/flagged indices of one review. */
  listItems: 1_000,
} as const;

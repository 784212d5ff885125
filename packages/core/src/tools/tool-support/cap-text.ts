/**
 * Cuts `text` so the result, a note saying how much was left out included, fits in `maxChars`:
 * the model then knows the output is partial, and the tool loop's own cut never hides the note.
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const note = (omitted: number) => `\n… [truncated: ${omitted} more characters]`;
  const kept = Math.max(0, maxChars - note(text.length).length);
  return text.slice(0, kept) + note(text.length - kept);
}

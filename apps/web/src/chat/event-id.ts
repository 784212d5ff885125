/** Event ids are `<milliseconds>-<sequence>` and rise with every event of a stream. */
export function isAfter(id: string, other: string): boolean {
  const [milliseconds = 0, sequence = 0] = id.split("-").map(Number);
  const [otherMilliseconds = 0, otherSequence = 0] = other.split("-").map(Number);
  return milliseconds > otherMilliseconds || (milliseconds === otherMilliseconds && sequence > otherSequence);
}

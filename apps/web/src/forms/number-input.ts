/** An empty or unreadable number input becomes NaN, which a contract reports as "Must be a number". */
export const numberInput = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** JSON bodies above this are refused with 413 before any parsing work. */
export const maxBodyBytes = 256 * 1024;

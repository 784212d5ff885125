export { createFixedClock, type FixedClock } from "./fixed-clock.js";
export { seedUser, type SeededUser } from "./seed-user.js";

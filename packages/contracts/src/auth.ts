import { z } from "zod";
import { isoDate, uuid } from "./common.js";

const email = z
  .email({ message: "must be an email address" })
  .max(254)
  .transform((value) => value.toLowerCase());
const password = z.string().min(8, "must be at least 8 characters").max(200);

export const registerInput = z.strictObject({
  email,
  password,
  username: z.string().trim().min(1).max(100).optional(),
});

export const loginInput = z.strictObject({ email, password: z.string().min(1).max(200) });

export const changePasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password });

export const userOutput = z.object({
  id: uuid,
  email: z.string(),
  username: z.string(),
  createdAt: isoDate,
});

export const sessionTokensOutput = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int(),
  user: userOutput,
});

export type RegisterInput = z.input<typeof registerInput>;
export type LoginInput = z.input<typeof loginInput>;

import { router } from "../../trpc.js";
import { send } from "./send.js";

export const chatRouter = router({ send });

import { router } from "../../trpc.js";
import { get } from "./get.js";
import { update } from "./update.js";

export const settingsRouter = router({ get, update });

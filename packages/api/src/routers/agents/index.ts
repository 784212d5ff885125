import { router } from "../../trpc.js";
import { create } from "./create.js";
import { remove } from "./delete.js";
import { get } from "./get.js";
import { list } from "./list.js";
import { memoriesRouter } from "./memories/index.js";
import { update } from "./update.js";

export const agentsRouter = router({ create, list, get, update, delete: remove, memories: memoriesRouter });

import { router } from "../../trpc.js";
import { events } from "./events.js";
import { eventsTicket } from "./events-ticket.js";
import { send } from "./send.js";

export const chatRouter = router({ send, events, eventsTicket });

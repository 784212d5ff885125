import type { RouterOutputs } from "@codelab/sdk";

export type Project = RouterOutputs["projects"]["get"];

// Entry point of the Pulumi program (see stacks/main.ts).
import { main } from "./stacks/main";

export = main();

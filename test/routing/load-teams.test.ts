import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadTeams, TEAMS_DIR } from "../../routing/load-teams";

describe("loadTeams", () => {
  test("loads one team per file of stacks/teams, sorted by file name", () => {
    const teams = loadTeams(path.resolve(__dirname, "../.."));
    expect(teams.map((t) => [t.file, t.declaration.name])).toEqual([
      [`${TEAMS_DIR}/commerce.ts`, "commerce"],
      [`${TEAMS_DIR}/payments.ts`, "payments"],
      [`${TEAMS_DIR}/platform.ts`, "platform"],
      [`${TEAMS_DIR}/pricing.ts`, "pricing"],
    ]);
  });

  test("a file without a default export is an error naming the file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "teams-"));
    fs.mkdirSync(path.join(root, TEAMS_DIR), { recursive: true });
    fs.writeFileSync(path.join(root, TEAMS_DIR, "ops.ts"), "export const team = { name: 'ops' };\n");
    fs.writeFileSync(path.join(root, TEAMS_DIR, "_draft.ts"), "throw new Error('never loaded');\n");
    expect(() => loadTeams(root)).toThrow("stacks/teams/ops.ts: has no default export; write `export default defineTeam({ ... })`");
  });
});

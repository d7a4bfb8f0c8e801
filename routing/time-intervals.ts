import type { AmTimeInterval } from "./alertmanager-types";
import type { TeamDeclaration, TimeIntervalClause } from "./team-types";

/** The generated (globally unique) name of a team's time interval. */
export function timeIntervalName(team: string, key: string): string {
  return `${team}-${key}`;
}

function clause(c: TimeIntervalClause, location: string): AmTimeInterval["time_intervals"][number] {
  return {
    ...(c.times === undefined ? {} : { times: c.times.map((t) => ({ start_time: t.start, end_time: t.end })) }),
    ...(c.weekdays === undefined ? {} : { weekdays: [...c.weekdays] }),
    ...(c.daysOfMonth === undefined ? {} : { days_of_month: [...c.daysOfMonth] }),
    ...(c.months === undefined ? {} : { months: [...c.months] }),
    ...(c.years === undefined ? {} : { years: [...c.years] }),
    location,
  };
}

/** Every time interval a team declares, in its time zone, sorted by name. */
export function buildTimeIntervals(team: TeamDeclaration): AmTimeInterval[] {
  return Object.keys(team.timeIntervals ?? {})
    .sort()
    .map((key) => ({
      name: timeIntervalName(team.name, key),
      time_intervals: (team.timeIntervals ?? {})[key].map((c) => clause(c, team.timeZone)),
    }));
}

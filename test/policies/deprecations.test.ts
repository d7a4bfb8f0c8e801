import { grafanaOncallOss } from "../../policies/rules/deprecations/grafana-oncall-oss";
import { jaegerV1Images } from "../../policies/rules/deprecations/jaeger-v1-images";
import { opsgenieReceivers } from "../../policies/rules/deprecations/opsgenie-receivers";
import { CONFIGMAP, container, goodDeployment, SECRET } from "./support/fixtures";
import { changed, resourceViolations, type Fixture } from "./support/run-policy";

const W = 'Deployment "web" container "app"';

describe("deprecated-jaeger-v1-images", () => {
  const policy = jaegerV1Images("mandatory");

  test("Jaeger v2 passes", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "docker.io/jaegertracing/jaeger:2.13.0")))).toEqual([]);
  });

  test.each(["jaegertracing/all-in-one:1.57.0", "docker.io/jaegertracing/jaeger-agent:1.57.0", "jaegertracing/jaeger-collector:1.62.0", "quay.io/jaegertracing/jaeger-query:1.62.0", "jaegertracing/jaeger-ingester:1.62.0"])(
    "the v1 image %s is reported",
    async (image) => {
      expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = image)))).toEqual([
        `${W}: image "${image}" is Jaeger v1, which is end of life; deploy Jaeger v2 (jaegertracing/jaeger) through the Jaeger component`,
      ]);
    },
  );
});

describe("deprecated-opsgenie-receivers", () => {
  const policy = opsgenieReceivers("mandatory");
  const yaml = "route:\n  receiver: payments-page\nreceivers:\n  - name: payments-page\n    pagerduty_configs:\n      - routing_key_file: /etc/alertmanager/secrets/payments\n";
  const secret: Fixture = { type: SECRET, name: "sevensa-alertmanager-config", props: { stringData: { "alertmanager.yml": yaml } } };
  const fix = "Opsgenie ends support in April 2027";

  test("PagerDuty receivers pass", async () => {
    expect(await resourceViolations(policy, secret)).toEqual([]);
  });

  test("an Opsgenie receiver is reported", async () => {
    const f = changed(secret, (p) => (p.stringData["alertmanager.yml"] = yaml.replace("pagerduty_configs:\n      - routing_key_file", "opsgenie_configs:\n      - api_key_file")));
    expect(await resourceViolations(policy, f)).toEqual([
      `Secret "sevensa-alertmanager-config" data "alertmanager.yml": receiver "payments-page" uses opsgenie_configs; ${fix}: page through PagerDuty (pagerduty_configs) instead`,
    ]);
  });

  test("a global Opsgenie API URL is reported", async () => {
    const f = changed(secret, (p) => (p.stringData["alertmanager.yml"] = `global:\n  opsgenie_api_url: https://api.eu.opsgenie.com/\n${yaml}`));
    expect(await resourceViolations(policy, f)).toEqual([
      `Secret "sevensa-alertmanager-config" data "alertmanager.yml": global.opsgenie_api_url is set; ${fix}: remove it and page through PagerDuty (pagerduty_configs)`,
    ]);
  });

  test("an Opsgenie receiver in a ConfigMap is reported too", async () => {
    const cm: Fixture = { type: CONFIGMAP, name: "legacy", props: { data: { "alertmanager.yml": yaml.replace("pagerduty_configs", "opsgenie_configs") } } };
    expect(await resourceViolations(policy, cm)).toEqual([
      `ConfigMap "legacy" data "alertmanager.yml": receiver "payments-page" uses opsgenie_configs; ${fix}: page through PagerDuty (pagerduty_configs) instead`,
    ]);
  });
});

describe("deprecated-grafana-oncall-oss", () => {
  const policy = grafanaOncallOss("mandatory");
  const fix = "route on-call through Alertmanager and PagerDuty (stacks/teams) instead";

  test("Grafana without OnCall passes", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => container(p).env.push({ name: "GF_INSTALL_PLUGINS", value: "grafana-piechart-panel" })))).toEqual([]);
  });

  test("the OnCall OSS image is reported", async () => {
    expect(await resourceViolations(policy, changed(goodDeployment(), (p) => (container(p).image = "docker.io/grafana/oncall:v1.9.0")))).toEqual([
      `${W}: image "docker.io/grafana/oncall:v1.9.0" is Grafana OnCall OSS, which is archived; ${fix}`,
    ]);
  });

  test("installing the OnCall plugin into Grafana is reported", async () => {
    const f = changed(goodDeployment(), (p) => container(p).env.push({ name: "GF_INSTALL_PLUGINS", value: "grafana-piechart-panel,grafana-oncall-app 1.9.0" }));
    expect(await resourceViolations(policy, f)).toEqual([`${W}: GF_INSTALL_PLUGINS installs grafana-oncall-app, Grafana OnCall OSS, which is archived; ${fix}`]);
  });
});

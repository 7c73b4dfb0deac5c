import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RegisterStack } from './register-stack.ts';
import { type RegisterSettings, readSettings } from './settings.ts';

export interface RegisterApp {
  app: App;
  stack: RegisterStack;
  settings: RegisterSettings;
}

/**
 * The CDK app: exactly one stack, for the stage in context (`-c stage=dev|prod`, default from
 * cdk.json). cdk-nag's AwsSolutions pack is registered as a validation plugin, so every synth
 * stops on a finding that has not been acknowledged with a reason (infra/nag-suppressions.ts).
 */
export function createRegisterApp(
  props: AppProps = {},
  env: Record<string, string | undefined> = process.env,
): RegisterApp {
  const app = new App(props);
  const settings = readSettings((key) => app.node.tryGetContext(key), env);
  const stack = new RegisterStack(app, settings.stackName, {
    settings,
    env: { account: settings.account, region: settings.region },
    description: `Modern slavery statement register (${settings.stage})`,
    terminationProtection: settings.stage === 'prod',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, settings };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createRegisterApp, type RegisterApp } from '../../infra/register-app.ts';

export interface Synthesized extends RegisterApp {
  template: Template;
  /** cdk-nag's AwsSolutions findings left after the stack's acknowledgements. */
  nagViolations: ReturnType<AwsSolutionsChecks['validateScope']>['violations'];
  /** Removes the temporary cloud assembly. */
  cleanup: () => void;
}

/**
 * The register app as `cdk synth` builds it (same factory as infra/app.ts), in a temporary
 * output folder, with asset bundling skipped and CloudFormation's own validation off (speed).
 */
export function synthRegister(
  context: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'register-cdk-'));
  const registerApp = createRegisterApp(
    {
      outdir,
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [], stage: 'dev', ...context },
    },
    env,
  );
  const template = Template.fromStack(registerApp.stack);
  const nagViolations = new AwsSolutionsChecks().validateScope(registerApp.stack).violations;
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  return { ...registerApp, template, nagViolations, cleanup };
}

export type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown> } & Record<string, unknown>
>;

export const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;

/** Every IAM statement attached to the role of the given Lambda function (by logical id). */
export function statementsOfFunction(template: Template, stack: Stack, functionLogicalId: string) {
  const fn = template.toJSON().Resources[functionLogicalId];
  const roleRef = fn?.Properties?.Role?.['Fn::GetAtt']?.[0];
  if (!roleRef) throw new Error(`no role for ${functionLogicalId} in ${stack.stackName}`);
  return statementsOfRole(template, roleRef);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  const statements: Statement[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleLogicalId)) continue;
    const document = policy.Properties?.PolicyDocument as { Statement: Statement[] };
    statements.push(...document.Statement);
  }
  return statements;
}

export const actionsOf = (statements: Statement[]): string[] =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

/** The properties of the only resource of a type (raw template JSON, for deep looks). */
export function propertiesOfOnly(template: Template, type: string) {
  const resources = template.toJSON().Resources;
  const ids = Object.keys(resources).filter((id) => resources[id].Type === type);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return resources[ids[0] as string].Properties;
}

/** The template's logical id of a construct: itself if it is a CloudFormation element, else its default child. */
export const logicalId = (construct: IConstruct): string =>
  Stack.of(construct).getLogicalId(
    (CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement,
  );

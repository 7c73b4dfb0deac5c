import { createRegisterApp } from './register-app.ts';

/** `npx cdk synth` / `npx cdk deploy` (cdk.json runs this with tsx). */
createRegisterApp().app.synth();

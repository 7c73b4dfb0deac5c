// aws-xray-sdk-core needs one function of `semver`, `gte`, and only in its AWS SDK v2 patcher
// (captureAWS), which no bundle here uses: the whole package is 30 KB in every Lambda bundle.
// infra/bundling.ts aliases `semver` to this file; the path is relative so that the alias does
// not apply to it again.
import gte from '../../node_modules/semver/functions/gte.js';

export { gte };
export default { gte };

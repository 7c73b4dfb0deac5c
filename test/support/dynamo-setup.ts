import { chooseDynamoForFile } from './dynamo.ts';

chooseDynamoForFile();

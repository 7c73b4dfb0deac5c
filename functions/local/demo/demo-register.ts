import type { NewOrganisation } from '../../../schemas/organisation.ts';
import type { Rating } from '../../../schemas/statement-summary.ts';
import type { SubmissionDocument } from '../../../schemas/submission.ts';
import type { DemoSite } from './demo-sites.ts';
import {
  adequateText,
  groupText,
  nonCompliantText,
  type StatementDates,
  strongText,
  weakText,
} from './demo-texts.ts';

/**
 * The demo register, relative to today: organisations across sectors, statements that earn every
 * rating (one on time, one late, a group statement with a second revision, one without the legal
 * sign-off), and organisations in scope that filed nothing (the sweep flags them missing).
 */
export interface DemoStatement {
  document: SubmissionDocument;
  /** The rating the text is written to earn (the demo test checks the checker agrees). */
  expected: Rating;
  /** A second revision, submitted after the first (changes the text). */
  revision?: SubmissionDocument;
}

export interface DemoOrganisation {
  organisation: NewOrganisation;
  statement?: DemoStatement;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const words = (isoDate: string) =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** The last day of the month `back` months before `now`'s month. */
function monthEnd(now: Date, back: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0));
}

interface Period {
  periodStart: string;
  periodEnd: string;
  approvalDate: string;
  financialYearEnd: string;
  dates: StatementDates;
}

/** A twelve-month period ending `back` months ago, approved about four weeks after it ended. */
function period(now: Date, back: number): Period {
  const end = monthEnd(now, back);
  const start = new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate() + 1));
  const approval = new Date(Math.min(end.getTime() + 28 * 86_400_000, now.getTime() - 86_400_000));
  const periodEnd = iso(end);
  const approvalDate = iso(approval);
  return {
    periodStart: iso(start),
    periodEnd,
    approvalDate,
    financialYearEnd: periodEnd.slice(5),
    dates: { periodEnd: words(periodEnd), approvalDate: words(approvalDate) },
  };
}

function site(slug: string): { homepageUrl: string; statementUrl: string } {
  return {
    homepageUrl: `https://www.${slug}.example/`,
    statementUrl: `https://www.${slug}.example/modern-slavery-statement`,
  };
}

const allCovered = {
  structure: { covered: true },
  policies: { covered: true },
  riskAssessment: { covered: true },
  dueDiligence: { covered: true },
  training: { covered: true },
  kpis: { covered: true },
};

function document(
  p: Period,
  slug: string,
  text: string,
  fields: Partial<SubmissionDocument> & Pick<SubmissionDocument, 'sectors' | 'turnover' | 'signatory'>,
): SubmissionDocument {
  return {
    jurisdiction: 'UK',
    isGroup: false,
    ...site(slug),
    contactEmail: null,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    approvedBy: 'board',
    approvalDate: p.approvalDate,
    areas: allCovered,
    yearsProducing: '1 to 5 years',
    statementText: text,
    ...fields,
  };
}

export function demoRegister(now: Date): DemoOrganisation[] {
  const onTime = period(now, 3);
  const late = period(now, 8);
  const missed = period(now, 9);

  const harbour = 'Harbour & Vale Foods Ltd';
  const northgate = 'Northgate Apparel Group plc';
  const northgateMembers = [
    { name: 'Northgate Apparel Retail Ltd', companyNumber: '07345128' },
    { name: 'Northgate Sourcing Ltd', companyNumber: '08912446' },
    { name: 'Loom & Thread Online Ltd', companyNumber: '10244871' },
  ];
  const meridian = 'Meridian Facilities Services Ltd';
  const pennine = 'Pennine Haulage Ltd';
  const brightwater = 'Brightwater Electronics Ltd';

  const northgateText = groupText(
    northgate,
    northgateMembers.map((m) => m.name),
    onTime.dates,
  );

  return [
    {
      organisation: {
        name: harbour,
        companyNumber: '09876543',
        entityType: 'company',
        financialYearEnd: onTime.financialYearEnd,
        turnover: '£100 million to £500 million',
        inScope: true,
        contactName: 'Priya Shah, Company Secretary',
        contactEmail: 'company.secretary@harbourvale.example',
        registeredAddress: { addressLine1: '14 Quayside', town: 'Hull', postcode: 'HU1 1AA' },
      },
      statement: {
        expected: 'strong',
        document: document(onTime, 'harbourvale', strongText(harbour, onTime.dates), {
          sectors: ['Food and beverages, agriculture and fishing'],
          turnover: '£100 million to £500 million',
          yearsProducing: 'More than 5 years',
          signatory: {
            firstName: 'Priya',
            lastName: 'Raman',
            jobTitle: 'Chief Executive Officer',
            role: 'director',
          },
          summary: {
            policies: ['Prohibits the use of worker-paid recruitment fees', 'Prohibits child labour'],
            training: ['Procurement staff', 'Your suppliers'],
            engagement: ['Your suppliers', 'Professional auditors'],
            audits: ['Third party audit arranged by your organisation', 'Unannounced audit'],
            grievance: ['Using anonymous whistleblowing services, such as a helpline or mobile phone app'],
            otherMonitoring: '',
            risks: [
              {
                description: 'Deceptive recruitment and withheld wages of seasonal pickers',
                location: 'Within your supply chains',
                supplyChainTiers: ['Tier 2 suppliers'],
                affectedGroups: ['Migrants'],
                countries: ['ES', 'MA'],
                actions: 'Unannounced visits to farms and corrective action plans with deadlines.',
              },
              {
                description: 'Debt bondage of fishing crew',
                location: 'Within your supply chains',
                supplyChainTiers: ['Tier 3 suppliers and below'],
                affectedGroups: ['Migrants'],
                countries: ['VN'],
                actions: 'Ended a contract with a processor that refused private interviews.',
              },
            ],
            iloIndicators: ['Deception', 'Withholding of wages', 'Debt bondage'],
            remediation: ['Financial remediation, including repayment of recruitment fees'],
            progress: '',
          },
        }),
      },
    },
    {
      organisation: {
        name: northgate,
        companyNumber: '04455321',
        entityType: 'company',
        financialYearEnd: onTime.financialYearEnd,
        turnover: 'Over £500 million',
        inScope: true,
      },
      statement: {
        expected: 'strong',
        document: document(
          onTime,
          'northgate-apparel',
          northgateText.replace('41 of them received', '38 of them received'),
          {
            isGroup: true,
            groupMembers: northgateMembers,
            sectors: ['Fashion, textiles, apparel and luxury goods'],
            turnover: 'Over £500 million',
            signatory: {
              firstName: 'Thomas',
              lastName: 'Ellery',
              jobTitle: 'Chief Executive Officer',
              role: 'director',
            },
            summary: {
              policies: [],
              training: [],
              engagement: [],
              audits: [],
              grievance: [],
              otherMonitoring: '',
              risks: [
                {
                  description: 'Excessive overtime and withheld wages in garment factories',
                  location: 'Within your supply chains',
                  supplyChainTiers: ['Tier 1 suppliers'],
                  affectedGroups: ['Women', 'Refugees'],
                  countries: ['BD', 'TR', 'CN'],
                  actions: 'Audits of every tier 1 factory and a hotline for factory workers.',
                },
                {
                  description: 'Bonded labour of young women in spinning mills',
                  location: 'Within your supply chains',
                  supplyChainTiers: ['Tier 3 suppliers and below'],
                  affectedGroups: ['Women', 'Children'],
                  countries: ['IN'],
                  actions: 'Mapping of spinning mills and remediation with an NGO.',
                },
              ],
              iloIndicators: [],
              remediation: [],
              progress: '',
            },
          },
        ),
        revision: document(onTime, 'northgate-apparel', northgateText, {
          isGroup: true,
          groupMembers: northgateMembers,
          sectors: ['Fashion, textiles, apparel and luxury goods'],
          turnover: 'Over £500 million',
          signatory: {
            firstName: 'Thomas',
            lastName: 'Ellery',
            jobTitle: 'Chief Executive Officer',
            role: 'director',
          },
        }),
      },
    },
    {
      organisation: {
        name: meridian,
        companyNumber: '05566778',
        entityType: 'company',
        financialYearEnd: onTime.financialYearEnd,
        turnover: '£100 million to £500 million',
        inScope: true,
      },
      statement: {
        expected: 'adequate',
        document: document(onTime, 'meridian-fs', adequateText(meridian, onTime.dates), {
          sectors: ['Cleaning and security services'],
          turnover: '£100 million to £500 million',
          areas: { ...allCovered, kpis: { covered: false, reason: 'We will set targets next year.' } },
          signatory: {
            firstName: 'Daniel',
            lastName: 'Okafor',
            jobTitle: 'Managing Director',
            role: 'director',
          },
        }),
      },
    },
    {
      organisation: {
        name: pennine,
        companyNumber: '06123987',
        entityType: 'company',
        financialYearEnd: late.financialYearEnd,
        turnover: '£36 million to £60 million',
        inScope: true,
        contactName: 'Karen Whitfield, Director',
        contactEmail: 'karen.whitfield@pennine-haulage.example',
        registeredAddress: { addressLine1: 'Unit 4, Calder Park', town: 'Wakefield', postcode: 'WF2 7AA' },
      },
      statement: {
        expected: 'weak',
        document: document(late, 'pennine-haulage', weakText(pennine, late.dates), {
          sectors: ['Transportation, logistics, and storage'],
          turnover: '£36 million to £60 million',
          yearsProducing: 'This is the first time',
          areas: {
            structure: { covered: true },
            policies: { covered: true },
            riskAssessment: { covered: false, reason: 'Not yet started' },
            dueDiligence: { covered: false },
            training: { covered: false },
            kpis: { covered: false },
          },
          signatory: { firstName: 'Karen', lastName: 'Whitfield', jobTitle: 'Director', role: 'director' },
        }),
      },
    },
    {
      organisation: {
        name: brightwater,
        companyNumber: '11223344',
        entityType: 'company',
        financialYearEnd: onTime.financialYearEnd,
        turnover: '£60 million to £100 million',
        inScope: true,
      },
      statement: {
        expected: 'non_compliant',
        document: document(onTime, 'brightwater', nonCompliantText(brightwater), {
          sectors: [
            'Durable consumer goods, including electronics and appliances, home furnishings and other accessories',
          ],
          turnover: '£60 million to £100 million',
          approvedBy: 'other',
          areas: {
            structure: { covered: true },
            policies: { covered: true },
            riskAssessment: { covered: false },
            dueDiligence: { covered: false },
            training: { covered: false },
            kpis: { covered: false },
          },
          signatory: {
            firstName: 'Lee',
            lastName: 'Chandler',
            jobTitle: 'Compliance Manager',
            role: 'other',
          },
        }),
      },
    },
    // In scope, a deadline passed, nothing filed: the sweep flags them missing.
    // Each with the contact and registered address an officer writes to when chasing it.
    ...(
      [
        [
          'Calder Construction Ltd',
          '03344556',
          'company',
          'Tom Ashworth, Company Secretary',
          'company.secretary@calder-construction.example',
          { addressLine1: '2 Mill Lane', town: 'Halifax', postcode: 'HX1 1AB' },
        ],
        [
          'Oakfield Hotels & Leisure LLP',
          'OC412233',
          'llp',
          'Grace Okafor, Designated Member',
          'members@oakfield-hotels.example',
          { addressLine1: '88 Promenade', town: 'Harrogate', postcode: 'HG1 2RD' },
        ],
        [
          'Redfern Chemicals plc',
          '02211987',
          'company',
          'David Redfern, Company Secretary',
          'cosec@redfern-chemicals.example',
          { addressLine1: 'Works Road', town: 'Runcorn', postcode: 'WA7 4JE' },
        ],
      ] as const
    ).map(([name, companyNumber, entityType, contactName, contactEmail, registeredAddress]) => ({
      organisation: {
        name,
        companyNumber,
        entityType,
        financialYearEnd: missed.financialYearEnd,
        turnover: '£60 million to £100 million' as const,
        inScope: true,
        contactName,
        contactEmail,
        registeredAddress,
      },
    })),
  ];
}

/** The websites the demo's statements are published on (served by demoFetcher). */
export function demoSites(now: Date): DemoSite[] {
  return demoRegister(now).flatMap(({ statement }) =>
    [statement?.document, statement?.revision].flatMap((doc) =>
      doc?.homepageUrl && doc.statementUrl && doc.statementText
        ? [
            {
              homepageUrl: doc.homepageUrl,
              statementUrl: doc.statementUrl,
              statementText: doc.statementText,
              // Brightwater's homepage has no link to its statement, as many do not.
              linked: !doc.homepageUrl.includes('brightwater'),
            },
          ]
        : [],
    ),
  );
}

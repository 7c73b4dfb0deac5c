/**
 * The demo register's statement texts. Each is written to earn its rating from the real checker
 * (test/local/demo.test.ts runs it): a statement that does the work, one that covers the ground
 * without measuring it, one that covers too little, and one without the legal sign-off.
 */
export interface StatementDates {
  /** "30 September 2026" */
  periodEnd: string;
  /** "28 October 2026" */
  approvalDate: string;
}

export function strongText(name: string, d: StatementDates): string {
  return `${name}
Modern Slavery and Human Trafficking Statement for the financial year ended ${d.periodEnd}

Introduction
This statement is published under section 54(1) of the Modern Slavery Act 2015. It sets out what ${name} did during the financial year ended ${d.periodEnd} to prevent slavery and human trafficking in our own operations and in the businesses that supply us.

About our business
${name} makes chilled ready meals, soups and salads for UK supermarkets and caterers. We employ 2,400 people at four manufacturing sites in Yorkshire and Lincolnshire, and our head office is in York. Around a quarter of our production workforce is supplied by three labour agencies during the peak season.

How we buy
We buy ingredients and packaging from 410 direct suppliers in 22 countries. Fresh vegetables come mainly from the UK, Spain and Morocco; rice and spices from India and Thailand; prawns from Vietnam. Indirect spend covers cleaning, security, catering, transport and temporary labour.

Our commitments
Our Ethical Trading Code is based on the ETI Base Code and forms part of every supplier contract. It forbids forced, bonded and child labour, requires that no worker pays a fee to get a job, and gives our auditors the right to visit sites without notice. Our Responsible Recruitment Policy applies the Employer Pays Principle to every agency that supplies our sites. Both documents were approved by the Board and are published on our website.

Where we see the greatest exposure
We reviewed every direct supplier against country, commodity and workforce factors using our audit history and published indices. The review placed 38 suppliers in the high category. Seasonal pickers on Spanish and Moroccan farms, many of them migrants, face deceptive recruitment and withheld wages. Crew on fishing vessels supplying prawns in Vietnam can be trapped by debt to brokers. In our own sites, agency workers recruited from Romania are the group most likely to be charged fees or housed by their employer.

Due diligence
New suppliers complete a SEDEX self-assessment before we place an order, and high-category suppliers must share a SMETA 4-pillar audit not older than two years. During the year our ethical trade team made 23 unannounced visits to farms, packhouses and our labour providers. Where an audit finds a problem we agree a corrective action plan with a deadline, and our buyers cannot place new orders with a supplier who misses it. We ended our contract with one prawn processor after it refused to let auditors interview workers in private.

Grievance and remedy
Workers at our sites and at 96 supplier sites can report concerns through a free, multilingual hotline run by an independent provider. During the year the hotline received 19 reports, of which two concerned recruitment fees charged by a sub-agent in Romania. We investigated each case; 31 agency workers were repaid fees totalling £22,900, and the sub-agent was removed from our labour provider's supply chain.

Training
All 180 managers and every buyer completed a two-hour course on recognising exploitation, built with a specialist charity. Site induction for new starters, including agency staff, covers workers' rights in six languages. We also ran two workshops for the owners of our 30 largest UK suppliers.

How we measure progress
| Indicator | Target | Result |
|---|---|---|
| High-category suppliers with a current audit | 100% | 95% |
| Corrective actions closed on time | 85% | 89% |
| Managers and buyers trained | 100% | 100% |
| Agency workers interviewed by our team | 300 | 342 |
| Hotline reports resolved within 60 days | 90% | 91% |

We report these figures to the Board every quarter, and they are checked each year by our internal audit team.

Approval
This statement was approved by the Board of Directors of ${name} on ${d.approvalDate}.

Signed
Priya Raman
Chief Executive Officer and Director
${d.approvalDate}
`;
}

export function groupText(name: string, members: readonly string[], d: StatementDates): string {
  return `${name}
Group modern slavery statement, financial year ended ${d.periodEnd}

Scope of this statement
This is the group statement of ${name} under section 54 of the Modern Slavery Act 2015. It covers ${name} and its subsidiaries ${members.join(', ')}, and the financial year ended ${d.periodEnd}.

Our structure and supply chain
${name} designs and sells clothing, footwear and accessories through 85 shops in the UK and Ireland and online. The group employs 3,900 people; its sourcing office in Leicester manages our buying. Our garments are made by 118 tier 1 factories in Bangladesh, India, Turkey and China, and we have mapped 64 tier 2 fabric mills and dye houses. Cotton comes mainly from India and Uzbekistan.

Policies
Our Supplier Code of Conduct, our Responsible Purchasing Policy and our Forced Labour Policy are part of every purchase contract. They prohibit forced and child labour, recruitment fees paid by workers, retention of passports and compulsory overtime. The Board approved a revised Forced Labour Policy in March, adding a ban on cotton from regions where state-imposed forced labour is reported.

Our salient risks
Our risk assessment combined country and product data with the findings of our own factory audits. It identified three salient risks: excessive overtime and withheld wages in garment factories in Bangladesh and Turkey, where many workers are women and Syrian refugees; bonded labour of young women in spinning mills in southern India under the Sumangali scheme; and forced labour in cotton picking. Warehouse work in our UK distribution centre, where agency workers are employed at peak times, is our main risk in our own operations.

Due diligence and audits
Every tier 1 factory had an independent social audit during the year, and 41 of them received an unannounced visit from our sourcing team. We found 212 non-compliances, most about overtime and fire safety, and agreed a corrective action plan for each. Two factories in Turkey that failed to pay Syrian workers the legal minimum wage were suspended until they had repaid the arrears. We traced the cotton in 70% of our products back to the ginning stage.

Remediation and grievance
Factory workers can contact an independent helpline, run in seven languages, anonymously. It received 64 calls this year. With an NGO partner in Tamil Nadu we supported 23 young women who left a spinning mill, and the mill repaid their withheld wages of £9,800.

Training
Our 160 buyers and sourcing staff completed training on forced labour indicators and on responsible purchasing practices. Our factory partners in Bangladesh attended a workshop on recruitment fees run with a specialist charity.

Key performance indicators
| Measure | Last year | This year |
|---|---|---|
| Tier 1 factories audited | 86% | 100% |
| Unannounced visits | 18 | 41 |
| Corrective actions closed within 90 days | 61% | 78% |
| Cotton traced to ginning | 45% | 70% |
| Buyers trained | 72% | 100% |

Approval and signature
This statement was approved by the Board of Directors of ${name} on ${d.approvalDate}.

Thomas Ellery
Chief Executive Officer and Director
${d.approvalDate}
`;
}

export function adequateText(name: string, d: StatementDates): string {
  return `${name}
Modern slavery statement for the year ended ${d.periodEnd}

This statement is made under section 54 of the Modern Slavery Act 2015 and covers the financial year ended ${d.periodEnd}.

Our business
${name} provides cleaning, security and reception services to offices, hospitals and universities across England and Scotland. We employ 5,100 people, most of them on client sites, and we subcontract window cleaning and waste collection to about 60 smaller firms.

Our policies
Our Anti-Slavery Policy and our Supplier Code of Conduct set out the standards we expect from our own managers and from subcontractors. Both prohibit the charging of recruitment fees, the retention of identity documents and forced overtime. The policies are reviewed each year by the Board.

Risks in our operations and supply chains
The main risk of modern slavery in our business is in labour supply: cleaning and security are low-paid sectors where workers, often migrants, are recruited through agencies and may be charged fees or have their pay withheld. Subcontracted night work, where our managers are rarely present, carries a higher risk. Uniforms and cleaning chemicals are bought from distributors whose factories are in China and Turkey.

What we do about it
Every new subcontractor is screened before it starts work, including checks of right-to-work records and pay slips. Our compliance team audited 14 subcontractors during the year and required corrective actions at three of them, which were completed. Employees can raise concerns through a confidential whistleblowing line.

Training
Site supervisors receive training on the signs of modern slavery when they join, and refresher training every two years.

Approval
This statement was approved by the Board of Directors of ${name} on ${d.approvalDate}.

Signed
Daniel Okafor
Managing Director
${d.approvalDate}
`;
}

export function weakText(name: string, d: StatementDates): string {
  return `${name}
Modern slavery statement

${name} is committed to acting ethically and with integrity in all our business relationships. This statement covers the financial year ended ${d.periodEnd}.

About us
${name} is a road haulage and warehousing company based in Leeds. We operate 140 vehicles and two warehouses, and we employ around 650 drivers and warehouse staff.

Our policy
We have a zero tolerance approach to modern slavery. Our Modern Slavery Policy applies to all employees and we expect our suppliers to share our values.

This statement was approved by the Board of Directors of ${name} on ${d.approvalDate}.

Signed
Karen Whitfield
Director
${d.approvalDate}
`;
}

export function nonCompliantText(name: string): string {
  return `${name}
Modern slavery statement

${name} designs consumer electronics and home appliances that are assembled by contract manufacturers in China, Malaysia and Vietnam. We employ 900 people in the UK.

We take modern slavery seriously. We will ask our main suppliers to sign our Supplier Code of Conduct and we intend to carry out a risk assessment of our supply chain next year. We plan to introduce training for our buying team.

This statement has been prepared by our compliance department.
`;
}

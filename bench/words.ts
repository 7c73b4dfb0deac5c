/**
 * Word lists for realistic organisation names: surnames and places as UK company names use them,
 * trade words, descriptors and legal forms, roughly in the proportions the registry shows.
 */
// biome-ignore format: word lists read best packed
export const SURNAMES = [
  'Ashworth', 'Barrington', 'Beaumont', 'Bradshaw', 'Brightwell', 'Calloway', 'Carrington', 'Chadwick',
  'Clifford', 'Crawley', 'Davenport', 'Dawson', 'Ellison', 'Fairbairn', 'Fenwick', 'Fletcher', 'Forsyth',
  'Galloway', 'Garside', 'Goodwin', 'Greenhalgh', 'Hadley', 'Halliwell', 'Harcourt', 'Hargreaves', 'Hartley',
  'Hawthorne', 'Heywood', 'Holloway', 'Huxley', 'Ingram', 'Jarvis', 'Kendrick', 'Kingsley', 'Lambert',
  'Langford', 'Latimer', 'Lockwood', 'Lowther', 'Maddox', 'Marlowe', 'Mercer', 'Merriman', 'Montague',
  'Morley', 'Nightingale', 'Norris', 'Oakley', 'Ormerod', 'Pemberton', 'Pennington', 'Percival', 'Prescott',
  'Radcliffe', 'Ramsbottom', 'Redfern', 'Rowntree', 'Rutherford', 'Sanderson', 'Selwyn', 'Sheridan',
  'Skelton', 'Southgate', 'Stanhope', 'Sutcliffe', 'Tennant', 'Thornton', 'Townsend', 'Trevelyan',
  'Underwood', 'Wainwright', 'Wakefield', 'Warburton', 'Whitfield', 'Whitworth', 'Wilberforce', 'Winslow',
  'Woodhouse', 'Wyndham', 'Yardley', 'Abbott', 'Blackwood', 'Cartwright', 'Dunmore', 'Eastwood', 'Fairfax',
  'Gilchrist', 'Holbrook', 'Kershaw', 'Lindley', 'McAllister', 'Naylor', 'Ogden', 'Pickering', 'Quayle',
  'Rigby', 'Stokes', 'Tillotson', 'Varley', 'Whittaker',
];

// biome-ignore format: word lists read best packed
export const PLACES = [
  'Aberdeen', 'Albion', 'Avon', 'Bedford', 'Belfast', 'Birmingham', 'Bristol', 'Cambrian', 'Cardiff',
  'Carlisle', 'Chester', 'Clyde', 'Cornwall', 'Cotswold', 'Coventry', 'Cumbria', 'Derby', 'Devon', 'Dorset',
  'Dundee', 'Durham', 'Edinburgh', 'Essex', 'Exeter', 'Fife', 'Glasgow', 'Gloucester', 'Hampshire',
  'Highland', 'Humber', 'Kent', 'Lancashire', 'Leeds', 'Leicester', 'Lincoln', 'Liverpool', 'London',
  'Manchester', 'Mercia', 'Midland', 'Newcastle', 'Norfolk', 'Northampton', 'Northern', 'Norwich',
  'Nottingham', 'Oxford', 'Pennine', 'Plymouth', 'Portsmouth', 'Reading', 'Severn', 'Sheffield', 'Solent',
  'Southern', 'Stafford', 'Suffolk', 'Sussex', 'Swansea', 'Thames', 'Tyne', 'Ulster', 'Wessex', 'Western',
  'Windsor', 'Worcester', 'York', 'Yorkshire',
];

// biome-ignore format: word lists read best packed
export const DESCRIPTORS = [
  'Premier', 'Royal', 'Global', 'United', 'National', 'Atlas', 'Apex', 'Summit', 'Pinnacle', 'Heritage',
  'Crown', 'Meridian', 'Horizon', 'Sterling', 'Vanguard', 'Evergreen', 'Granite', 'Harbour', 'Keystone',
  'Lighthouse', 'Oak', 'Phoenix', 'Riverside', 'Silverline', 'Unity', 'Zenith', 'Beacon', 'Compass',
  'Falcon', 'Orchard',
];

// biome-ignore format: word lists read best packed
export const TRADES = [
  'Foods', 'Logistics', 'Retail', 'Construction', 'Engineering', 'Packaging', 'Textiles', 'Fashion',
  'Pharmaceuticals', 'Healthcare', 'Hotels', 'Leisure', 'Security', 'Cleaning', 'Facilities', 'Recruitment',
  'Automotive', 'Aerospace', 'Electronics', 'Furniture', 'Brewing', 'Dairies', 'Bakeries', 'Farms', 'Fisheries',
  'Timber', 'Paper', 'Plastics', 'Chemicals', 'Metals', 'Mining', 'Energy', 'Water', 'Utilities', 'Waste',
  'Recycling', 'Shipping', 'Freight', 'Transport', 'Airways', 'Telecom', 'Software', 'Technology', 'Media',
  'Publishing', 'Insurance', 'Finance', 'Capital', 'Property', 'Homes', 'Estates', 'Care', 'Education',
  'Consulting', 'Legal', 'Stores', 'Supermarkets', 'Wholesale', 'Distribution', 'Supplies', 'Garments',
  'Footwear', 'Cosmetics', 'Beverages', 'Confectionery', 'Catering', 'Agriculture', 'Steel', 'Glass',
  'Ceramics',
];

// biome-ignore format: word lists read best packed
export const ORGANISATION_WORDS = [
  'Group', 'Holdings', 'International', 'Services', 'Solutions', 'Industries', 'Partners', 'Trading',
  'Enterprises', 'Management', 'Systems', 'Europe',
];

// biome-ignore format: word lists read best packed
export const LEGAL_FORMS = ['Ltd', 'Limited', 'plc', 'PLC', 'LLP', 'Limited', 'Ltd', 'Ltd.', 'UK Ltd', 'Ltd'];

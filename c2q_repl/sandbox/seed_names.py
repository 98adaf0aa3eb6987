"""Vocabulary for the synthetic sp500insight companies.

The 11 GICS sectors carry the names the original Kaggle/Yahoo data used
(e.g. "Technology" for Information Technology, "Consumer Cyclical" for
Consumer Discretionary), because that is what sp500insight held. A core of
well-known constituents keeps real symbols, names, industries and head
offices (public facts) so questions like "Apple's market cap" make sense;
every number about them is synthetic. The rest of the ~500 are invented
from the word lists below.
"""

from __future__ import annotations

# sector -> (number of companies, industries, words that end a company name)
SECTORS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "Technology": (65, ("Software—Infrastructure", "Software—Application", "Semiconductors", "Consumer Electronics",
                        "Information Technology Services", "Communication Equipment",
                        "Semiconductor Equipment & Materials", "Electronic Components"),
                   ("Systems", "Software", "Semiconductor", "Networks", "Technologies", "Digital", "Micro", "Data")),
    "Healthcare": (63, ("Drug Manufacturers—General", "Medical Devices", "Healthcare Plans", "Diagnostics & Research",
                        "Biotechnology", "Medical Instruments & Supplies", "Medical Care Facilities"),
                   ("Health", "Therapeutics", "Medical", "Biosciences", "Pharmaceuticals", "Diagnostics", "Life Sciences")),
    "Financial Services": (70, ("Banks—Diversified", "Banks—Regional", "Asset Management", "Capital Markets",
                                "Credit Services", "Insurance—Property & Casualty", "Insurance—Life",
                                "Insurance Brokers", "Financial Data & Stock Exchanges"),
                           ("Financial", "Bancorp", "Capital", "Insurance Group", "Holdings", "Trust", "Partners")),
    "Consumer Cyclical": (55, ("Internet Retail", "Auto Manufacturers", "Restaurants", "Home Improvement Retail",
                               "Specialty Retail", "Travel Services", "Apparel Retail", "Residential Construction",
                               "Footwear & Accessories", "Lodging"),
                          ("Brands", "Retail", "Motors", "Restaurants", "Homes", "Resorts", "Stores", "Apparel")),
    "Communication Services": (22, ("Internet Content & Information", "Entertainment", "Telecom Services",
                                    "Advertising Agencies", "Electronic Gaming & Multimedia"),
                               ("Media", "Communications", "Entertainment", "Interactive", "Broadcasting")),
    "Industrials": (75, ("Aerospace & Defense", "Railroads", "Specialty Industrial Machinery",
                         "Farm & Heavy Construction Machinery", "Integrated Freight & Logistics", "Airlines",
                         "Waste Management", "Building Products & Equipment", "Conglomerates",
                         "Electrical Equipment & Parts", "Staffing & Employment Services"),
                    ("Industries", "Aerospace", "Logistics", "Machinery", "Engineering", "Rail", "Airlines", "Controls")),
    "Consumer Defensive": (38, ("Discount Stores", "Household & Personal Products", "Beverages—Non-Alcoholic",
                                "Packaged Foods", "Tobacco", "Grocery Stores", "Beverages—Brewers", "Confectioners"),
                           ("Foods", "Beverage", "Consumer Products", "Markets", "Brewing", "Household")),
    "Energy": (23, ("Oil & Gas Integrated", "Oil & Gas E&P", "Oil & Gas Midstream", "Oil & Gas Equipment & Services",
                    "Oil & Gas Refining & Marketing"),
               ("Energy", "Petroleum", "Resources", "Midstream", "Oilfield Services")),
    "Utilities": (30, ("Utilities—Regulated Electric", "Utilities—Diversified", "Utilities—Regulated Gas",
                       "Utilities—Renewable", "Utilities—Regulated Water"),
                  ("Power", "Electric", "Utilities", "Gas & Electric", "Water")),
    "Real Estate": (31, ("REIT—Specialty", "REIT—Industrial", "REIT—Residential", "REIT—Retail",
                         "REIT—Healthcare Facilities", "REIT—Office", "Real Estate Services"),
                    ("Realty", "Properties", "Residential", "REIT", "Land")),
    "Basic Materials": (28, ("Specialty Chemicals", "Building Materials", "Copper", "Gold", "Packaging & Containers",
                             "Agricultural Inputs", "Steel", "Chemicals"),
                        ("Materials", "Chemicals", "Minerals", "Steel", "Packaging", "Mining")),
}

# (symbol, short name, long name, sector, industry, city, state, country, market cap in billions of USD)
WELL_KNOWN: tuple[tuple[str, str, str, str, str, str, str, str, float], ...] = (
    ("AAPL", "Apple Inc.", "Apple Inc.", "Technology", "Consumer Electronics", "Cupertino", "CA", "United States", 2900),
    ("MSFT", "Microsoft Corporation", "Microsoft Corporation", "Technology", "Software—Infrastructure", "Redmond", "WA", "United States", 2750),
    ("NVDA", "NVIDIA Corporation", "NVIDIA Corporation", "Technology", "Semiconductors", "Santa Clara", "CA", "United States", 1200),
    ("AVGO", "Broadcom Inc.", "Broadcom Inc.", "Technology", "Semiconductors", "Palo Alto", "CA", "United States", 520),
    ("ORCL", "Oracle Corporation", "Oracle Corporation", "Technology", "Software—Infrastructure", "Austin", "TX", "United States", 290),
    ("CRM", "Salesforce, Inc.", "Salesforce, Inc.", "Technology", "Software—Application", "San Francisco", "CA", "United States", 255),
    ("ADBE", "Adobe Inc.", "Adobe Inc.", "Technology", "Software—Infrastructure", "San Jose", "CA", "United States", 270),
    ("AMD", "Advanced Micro Devices", "Advanced Micro Devices, Inc.", "Technology", "Semiconductors", "Santa Clara", "CA", "United States", 235),
    ("CSCO", "Cisco Systems, Inc.", "Cisco Systems, Inc.", "Technology", "Communication Equipment", "San Jose", "CA", "United States", 205),
    ("INTC", "Intel Corporation", "Intel Corporation", "Technology", "Semiconductors", "Santa Clara", "CA", "United States", 210),
    ("IBM", "IBM", "International Business Machines Corporation", "Technology", "Information Technology Services", "Armonk", "NY", "United States", 150),
    ("QCOM", "QUALCOMM Incorporated", "QUALCOMM Incorporated", "Technology", "Semiconductors", "San Diego", "CA", "United States", 160),
    ("TXN", "Texas Instruments", "Texas Instruments Incorporated", "Technology", "Semiconductors", "Dallas", "TX", "United States", 155),
    ("GOOGL", "Alphabet Inc.", "Alphabet Inc.", "Communication Services", "Internet Content & Information", "Mountain View", "CA", "United States", 1750),
    ("META", "Meta Platforms, Inc.", "Meta Platforms, Inc.", "Communication Services", "Internet Content & Information", "Menlo Park", "CA", "United States", 910),
    ("NFLX", "Netflix, Inc.", "Netflix, Inc.", "Communication Services", "Entertainment", "Los Gatos", "CA", "United States", 210),
    ("DIS", "Walt Disney Company (The)", "The Walt Disney Company", "Communication Services", "Entertainment", "Burbank", "CA", "United States", 165),
    ("VZ", "Verizon Communications Inc.", "Verizon Communications Inc.", "Communication Services", "Telecom Services", "New York", "NY", "United States", 158),
    ("T", "AT&T Inc.", "AT&T Inc.", "Communication Services", "Telecom Services", "Dallas", "TX", "United States", 120),
    ("CMCSA", "Comcast Corporation", "Comcast Corporation", "Communication Services", "Telecom Services", "Philadelphia", "PA", "United States", 175),
    ("AMZN", "Amazon.com, Inc.", "Amazon.com, Inc.", "Consumer Cyclical", "Internet Retail", "Seattle", "WA", "United States", 1570),
    ("TSLA", "Tesla, Inc.", "Tesla, Inc.", "Consumer Cyclical", "Auto Manufacturers", "Austin", "TX", "United States", 790),
    ("HD", "Home Depot, Inc. (The)", "The Home Depot, Inc.", "Consumer Cyclical", "Home Improvement Retail", "Atlanta", "GA", "United States", 345),
    ("MCD", "McDonald's Corporation", "McDonald's Corporation", "Consumer Cyclical", "Restaurants", "Chicago", "IL", "United States", 215),
    ("NKE", "Nike, Inc.", "NIKE, Inc.", "Consumer Cyclical", "Footwear & Accessories", "Beaverton", "OR", "United States", 165),
    ("SBUX", "Starbucks Corporation", "Starbucks Corporation", "Consumer Cyclical", "Restaurants", "Seattle", "WA", "United States", 110),
    ("LOW", "Lowe's Companies, Inc.", "Lowe's Companies, Inc.", "Consumer Cyclical", "Home Improvement Retail", "Mooresville", "NC", "United States", 128),
    ("F", "Ford Motor Company", "Ford Motor Company", "Consumer Cyclical", "Auto Manufacturers", "Dearborn", "MI", "United States", 48),
    ("GM", "General Motors Company", "General Motors Company", "Consumer Cyclical", "Auto Manufacturers", "Detroit", "MI", "United States", 49),
    ("UNH", "UnitedHealth Group Incorporated", "UnitedHealth Group Incorporated", "Healthcare", "Healthcare Plans", "Minnetonka", "MN", "United States", 490),
    ("JNJ", "Johnson & Johnson", "Johnson & Johnson", "Healthcare", "Drug Manufacturers—General", "New Brunswick", "NJ", "United States", 380),
    ("LLY", "Eli Lilly and Company", "Eli Lilly and Company", "Healthcare", "Drug Manufacturers—General", "Indianapolis", "IN", "United States", 550),
    ("PFE", "Pfizer, Inc.", "Pfizer Inc.", "Healthcare", "Drug Manufacturers—General", "New York", "NY", "United States", 165),
    ("MRK", "Merck & Company, Inc.", "Merck & Co., Inc.", "Healthcare", "Drug Manufacturers—General", "Rahway", "NJ", "United States", 275),
    ("ABBV", "AbbVie Inc.", "AbbVie Inc.", "Healthcare", "Drug Manufacturers—General", "North Chicago", "IL", "United States", 270),
    ("TMO", "Thermo Fisher Scientific Inc", "Thermo Fisher Scientific Inc.", "Healthcare", "Diagnostics & Research", "Waltham", "MA", "United States", 205),
    ("ABT", "Abbott Laboratories", "Abbott Laboratories", "Healthcare", "Medical Devices", "North Chicago", "IL", "United States", 190),
    ("JPM", "JP Morgan Chase & Co.", "JPMorgan Chase & Co.", "Financial Services", "Banks—Diversified", "New York", "NY", "United States", 490),
    ("BAC", "Bank of America Corporation", "Bank of America Corporation", "Financial Services", "Banks—Diversified", "Charlotte", "NC", "United States", 265),
    ("WFC", "Wells Fargo & Company", "Wells Fargo & Company", "Financial Services", "Banks—Diversified", "San Francisco", "CA", "United States", 178),
    ("GS", "Goldman Sachs Group, Inc. (The)", "The Goldman Sachs Group, Inc.", "Financial Services", "Capital Markets", "New York", "NY", "United States", 125),
    ("MS", "Morgan Stanley", "Morgan Stanley", "Financial Services", "Capital Markets", "New York", "NY", "United States", 152),
    ("V", "Visa Inc.", "Visa Inc.", "Financial Services", "Credit Services", "San Francisco", "CA", "United States", 525),
    ("MA", "Mastercard Incorporated", "Mastercard Incorporated", "Financial Services", "Credit Services", "Purchase", "NY", "United States", 400),
    ("BRK-B", "Berkshire Hathaway Inc. New", "Berkshire Hathaway Inc.", "Financial Services", "Insurance—Diversified", "Omaha", "NE", "United States", 780),
    ("BLK", "BlackRock, Inc.", "BlackRock, Inc.", "Financial Services", "Asset Management", "New York", "NY", "United States", 120),
    ("AXP", "American Express Company", "American Express Company", "Financial Services", "Credit Services", "New York", "NY", "United States", 135),
    ("WMT", "Walmart Inc.", "Walmart Inc.", "Consumer Defensive", "Discount Stores", "Bentonville", "AR", "United States", 425),
    ("PG", "Procter & Gamble Company (The)", "The Procter & Gamble Company", "Consumer Defensive", "Household & Personal Products", "Cincinnati", "OH", "United States", 345),
    ("KO", "Coca-Cola Company (The)", "The Coca-Cola Company", "Consumer Defensive", "Beverages—Non-Alcoholic", "Atlanta", "GA", "United States", 255),
    ("PEP", "Pepsico, Inc.", "PepsiCo, Inc.", "Consumer Defensive", "Beverages—Non-Alcoholic", "Purchase", "NY", "United States", 232),
    ("COST", "Costco Wholesale Corporation", "Costco Wholesale Corporation", "Consumer Defensive", "Discount Stores", "Issaquah", "WA", "United States", 292),
    ("PM", "Philip Morris International Inc", "Philip Morris International Inc.", "Consumer Defensive", "Tobacco", "Stamford", "CT", "United States", 146),
    ("XOM", "Exxon Mobil Corporation", "Exxon Mobil Corporation", "Energy", "Oil & Gas Integrated", "Spring", "TX", "United States", 400),
    ("CVX", "Chevron Corporation", "Chevron Corporation", "Energy", "Oil & Gas Integrated", "San Ramon", "CA", "United States", 280),
    ("COP", "ConocoPhillips", "ConocoPhillips", "Energy", "Oil & Gas E&P", "Houston", "TX", "United States", 137),
    ("SLB", "Schlumberger N.V.", "Schlumberger Limited", "Energy", "Oil & Gas Equipment & Services", "Houston", "TX", "United States", 74),
    ("CAT", "Caterpillar, Inc.", "Caterpillar Inc.", "Industrials", "Farm & Heavy Construction Machinery", "Irving", "TX", "United States", 150),
    ("BA", "Boeing Company (The)", "The Boeing Company", "Industrials", "Aerospace & Defense", "Arlington", "VA", "United States", 158),
    ("UPS", "United Parcel Service, Inc.", "United Parcel Service, Inc.", "Industrials", "Integrated Freight & Logistics", "Atlanta", "GA", "United States", 134),
    ("HON", "Honeywell International Inc.", "Honeywell International Inc.", "Industrials", "Conglomerates", "Charlotte", "NC", "United States", 137),
    ("GE", "General Electric Company", "General Electric Company", "Industrials", "Specialty Industrial Machinery", "Boston", "MA", "United States", 139),
    ("DE", "Deere & Company", "Deere & Company", "Industrials", "Farm & Heavy Construction Machinery", "Moline", "IL", "United States", 112),
    ("LMT", "Lockheed Martin Corporation", "Lockheed Martin Corporation", "Industrials", "Aerospace & Defense", "Bethesda", "MD", "United States", 110),
    ("UNP", "Union Pacific Corporation", "Union Pacific Corporation", "Industrials", "Railroads", "Omaha", "NE", "United States", 150),
    ("NEE", "NextEra Energy, Inc.", "NextEra Energy, Inc.", "Utilities", "Utilities—Regulated Electric", "Juno Beach", "FL", "United States", 124),
    ("DUK", "Duke Energy Corporation (Holdin", "Duke Energy Corporation", "Utilities", "Utilities—Regulated Electric", "Charlotte", "NC", "United States", 75),
    ("SO", "Southern Company (The)", "The Southern Company", "Utilities", "Utilities—Regulated Electric", "Atlanta", "GA", "United States", 77),
    ("PLD", "Prologis, Inc.", "Prologis, Inc.", "Real Estate", "REIT—Industrial", "San Francisco", "CA", "United States", 123),
    ("AMT", "American Tower Corporation (REI", "American Tower Corporation", "Real Estate", "REIT—Specialty", "Boston", "MA", "United States", 100),
    ("EQIX", "Equinix, Inc.", "Equinix, Inc.", "Real Estate", "REIT—Specialty", "Redwood City", "CA", "United States", 76),
    ("LIN", "Linde plc", "Linde plc", "Basic Materials", "Specialty Chemicals", "Woking", "Surrey", "United Kingdom", 198),
    ("SHW", "Sherwin-Williams Company (The)", "The Sherwin-Williams Company", "Basic Materials", "Specialty Chemicals", "Cleveland", "OH", "United States", 79),
    ("FCX", "Freeport-McMoRan, Inc.", "Freeport-McMoRan Inc.", "Basic Materials", "Copper", "Phoenix", "AZ", "United States", 61),
    ("NEM", "Newmont Corporation", "Newmont Corporation", "Basic Materials", "Gold", "Denver", "CO", "United States", 48),
)

NAME_ROOTS: tuple[str, ...] = (
    "Apex", "Summit", "Harbor", "Granite", "Silverline", "Bluewater", "Northstar", "Crescent", "Pioneer", "Evergreen",
    "Meridian", "Keystone", "Redwood", "Ironwood", "Clearwater", "Lakeshore", "Pinnacle", "Frontier", "Sterling",
    "Cardinal", "Beacon", "Atlas", "Horizon", "Cascade", "Sierra", "Prairie", "Liberty", "Heritage", "Vantage",
    "Quantum", "Vertex", "Orion", "Polaris", "Zenith", "Aurora", "Catalina", "Monarch", "Stonebridge", "Westfield",
    "Eastgate", "Riverbend", "Oakmont", "Maplewood", "Highland", "Coastal", "Continental", "Allied", "United",
    "Pacific", "Atlantic", "Great Lakes", "Midland", "Southern Cross", "Blue Ridge", "Copperline", "Falcon", "Eagle",
    "Patriot", "Centennial", "Sentinel", "Trident", "Triton", "Nova", "Stellar", "Lumen", "Helix", "Vector",
    "Nimbus", "Arbor", "Cobalt", "Onyx", "Crimson", "Emerald", "Sapphire", "Amber", "Juniper", "Willow", "Cedar",
    "Aspen", "Hudson", "Potomac", "Mesa", "Canyon", "Ridgeway", "Fairview", "Brookstone", "Kingsley", "Whitmore",
    "Hartwell", "Bradford", "Ashford", "Carver", "Dalton", "Ellison", "Fulton", "Garrison", "Holloway", "Langford",
)

# (city, state) pairs for invented head offices
CITIES: tuple[tuple[str, str], ...] = (
    ("New York", "NY"), ("Chicago", "IL"), ("Houston", "TX"), ("Dallas", "TX"), ("Atlanta", "GA"), ("Boston", "MA"),
    ("San Francisco", "CA"), ("San Jose", "CA"), ("Los Angeles", "CA"), ("San Diego", "CA"), ("Seattle", "WA"),
    ("Denver", "CO"), ("Phoenix", "AZ"), ("Minneapolis", "MN"), ("Charlotte", "NC"), ("Pittsburgh", "PA"),
    ("Philadelphia", "PA"), ("Columbus", "OH"), ("Cleveland", "OH"), ("Detroit", "MI"), ("Indianapolis", "IN"),
    ("St. Louis", "MO"), ("Nashville", "TN"), ("Miami", "FL"), ("Tampa", "FL"), ("Richmond", "VA"),
    ("Baltimore", "MD"), ("Milwaukee", "WI"), ("Omaha", "NE"), ("Salt Lake City", "UT"), ("Portland", "OR"),
    ("Austin", "TX"), ("Stamford", "CT"), ("Newark", "NJ"), ("Las Vegas", "NV"), ("Kansas City", "MO"),
)

# a few constituents are domiciled abroad, as in the real index: (city, state, country, code)
FOREIGN_OFFICES: tuple[tuple[str, str, str, str], ...] = (
    ("Dublin", "", "Ireland", "IE"), ("London", "", "United Kingdom", "GB"),
    ("Zurich", "", "Switzerland", "CH"), ("Amsterdam", "", "Netherlands", "NL"),
    ("Hamilton", "", "Bermuda", "BM"), ("Toronto", "ON", "Canada", "CA"),
)

COUNTRY_CODES = {"United States": "US", "United Kingdom": "GB"}

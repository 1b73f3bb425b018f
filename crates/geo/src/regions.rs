//! Named regions that are no administrative unit and that cities500 and
//! the admin files do not hold, yet news names all the time: conflict
//! regions ("Darfur", "Donbas", "Nagorno-Karabakh"), world regions ("the
//! Sahel", "the Middle East"), seas and straits ("the Red Sea", "the
//! Strait of Hormuz"), and seats of government that news names as places
//! ("the White House", "the Kremlin"). A table written for sitrep.
//!
//! A land region is defined by its members — countries (`"SD"`), provinces
//! (`"SD.55"`, GeoNames admin1 codes) or towns (`"@611403"`, GeoNames ids
//! from the places file) — and the gazetteer build places it at the mean of
//! their points, so its coordinates derive from GeoNames like the rest. Its
//! country is the members' one country, if they share one. A water body
//! has no members in the gazetteer; its point is an approximate centre
//! written here.

/// How a region is placed.
pub enum Where {
    /// The mean of these members' points.
    Members(&'static [&'static str]),
    /// A point (lat, lon) and the country it lies in ("" for none).
    Point(f32, f32, &'static str),
}

/// (name, other names, placement, GeoNames-style feature code).
pub type Region = (&'static str, &'static [&'static str], Where, &'static str);

use Where::{Members, Point};

pub const REGIONS: &[Region] = &[
    // Conflict regions within one country (or claimed by two).
    (
        "Darfur",
        &[],
        Members(&["SD.47", "SD.49", "SD.55", "SD.60", "SD.61"]),
        "RGN",
    ),
    (
        "Kordofan",
        &[],
        Members(&["SD.50", "SD.56", "SD.62"]),
        "RGN",
    ),
    (
        "Donbas",
        &["Donbass", "Donets Basin"],
        Members(&["UA.05", "UA.14"]),
        "RGN",
    ),
    (
        "South Ossetia",
        &["Tskhinvali Region"],
        Members(&["@611403"]),
        "RGN",
    ),
    (
        "Nagorno-Karabakh",
        &["Nagorny Karabakh", "Karabakh", "Artsakh"],
        Members(&["@146970"]),
        "RGN",
    ),
    (
        "Sinai",
        &["Sinai Peninsula"],
        Members(&["EG.26", "EG.27"]),
        "PEN",
    ),
    (
        "Golan Heights",
        &["Golan"],
        Members(&["@173334", "@443093"]),
        "RGN",
    ),
    (
        "Eastern Ghouta",
        &["Ghouta", "East Ghouta"],
        Members(&["@170592"]),
        "RGN",
    ),
    ("Kivu", &[], Members(&["CD.11", "CD.12"]), "RGN"),
    (
        "Iraqi Kurdistan",
        &["Kurdistan", "Kurdistan Region", "Kurdistan Region of Iraq"],
        Members(&["IQ.05", "IQ.08", "IQ.11"]),
        "RGN",
    ),
    ("Kashmir", &[], Members(&["IN.12", "PK.06"]), "RGN"),
    (
        "North Caucasus",
        &["Northern Caucasus"],
        Members(&["RU.12", "RU.17", "RU.19", "RU.22", "RU.68"]),
        "RGN",
    ),
    // Seats of government that news names as places ("outside the White
    // House", "a drone over the Kremlin"), placed at their town; feature
    // BLDG, so a mention of one is precise to the town.
    ("White House", &[], Members(&["@4140963"]), "BLDG"),
    ("Kremlin", &[], Members(&["@524901"]), "BLDG"),
    ("Pentagon", &[], Members(&["@4744709"]), "BLDG"),
    (
        "Downing Street",
        &["10 Downing Street", "Number 10 Downing Street"],
        Members(&["@2643743"]),
        "BLDG",
    ),
    (
        "Élysée Palace",
        &["Elysee Palace", "Élysée", "Elysee"],
        Members(&["@2988507"]),
        "BLDG",
    ),
    // World regions.
    (
        "Middle East",
        &["Mideast"],
        Members(&[
            "BH", "EG", "IQ", "IR", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "AE",
            "YE",
        ]),
        "RGN",
    ),
    (
        "Levant",
        &[],
        Members(&["SY", "LB", "IL", "PS", "JO"]),
        "RGN",
    ),
    (
        "Sahel",
        &["Central Sahel"],
        Members(&["ML", "BF", "NE", "TD", "MR"]),
        "RGN",
    ),
    (
        "Horn of Africa",
        &[],
        Members(&["SO", "ET", "ER", "DJ"]),
        "RGN",
    ),
    (
        "North Africa",
        &["Maghreb"],
        Members(&["MA", "DZ", "TN", "LY", "EG"]),
        "RGN",
    ),
    (
        "West Africa",
        &[],
        Members(&[
            "NG", "GH", "CI", "SN", "ML", "BF", "NE", "GN", "SL", "LR", "TG", "BJ", "GM", "GW",
        ]),
        "RGN",
    ),
    (
        "East Africa",
        &[],
        Members(&["KE", "TZ", "UG", "RW", "BI", "ET", "SO", "SS"]),
        "RGN",
    ),
    (
        "Balkans",
        &["Western Balkans"],
        Members(&["AL", "BA", "ME", "MK", "RS", "XK"]),
        "RGN",
    ),
    (
        "Caucasus",
        &["South Caucasus"],
        Members(&["GE", "AM", "AZ"]),
        "RGN",
    ),
    ("Korean Peninsula", &[], Members(&["KP", "KR"]), "PEN"),
    (
        "Central Asia",
        &[],
        Members(&["KZ", "KG", "TJ", "TM", "UZ"]),
        "RGN",
    ),
    (
        "Southeast Asia",
        &["South-East Asia"],
        Members(&[
            "TH", "VN", "KH", "LA", "MM", "MY", "SG", "ID", "PH", "BN", "TL",
        ]),
        "RGN",
    ),
    (
        "Central America",
        &[],
        Members(&["GT", "BZ", "SV", "HN", "NI", "CR", "PA"]),
        "RGN",
    ),
    (
        "Latin America",
        &[],
        Members(&[
            "MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "CO", "VE", "EC", "PE", "BO",
            "BR", "PY", "UY", "AR", "CL",
        ]),
        "RGN",
    ),
    (
        "Caribbean",
        &[],
        Members(&["CU", "HT", "DO", "JM", "PR", "TT", "BS", "BB"]),
        "RGN",
    ),
    ("Scandinavia", &[], Members(&["NO", "SE", "DK"]), "RGN"),
    // Seas, gulfs and straits: approximate centres.
    ("Red Sea", &[], Point(20.0, 38.5, ""), "SEA"),
    ("Black Sea", &[], Point(43.0, 34.0, ""), "SEA"),
    (
        "Mediterranean Sea",
        &["Mediterranean"],
        Point(35.0, 18.0, ""),
        "SEA",
    ),
    ("Caspian Sea", &[], Point(41.5, 50.5, ""), "SEA"),
    ("Aegean Sea", &[], Point(38.5, 25.0, ""), "SEA"),
    ("Sea of Azov", &[], Point(46.0, 36.5, ""), "SEA"),
    ("Baltic Sea", &[], Point(58.0, 20.0, ""), "SEA"),
    ("Arabian Sea", &[], Point(15.0, 65.0, ""), "SEA"),
    ("South China Sea", &[], Point(12.0, 114.0, ""), "SEA"),
    ("East China Sea", &[], Point(29.0, 125.0, ""), "SEA"),
    ("Yellow Sea", &[], Point(35.5, 123.0, ""), "SEA"),
    ("Sea of Japan", &["East Sea"], Point(40.0, 135.0, ""), "SEA"),
    (
        "Persian Gulf",
        &["Arabian Gulf"],
        Point(27.0, 51.5, ""),
        "GULF",
    ),
    ("Gulf of Aden", &[], Point(12.5, 48.0, ""), "GULF"),
    ("Gulf of Oman", &[], Point(24.5, 58.5, ""), "GULF"),
    ("Gulf of Guinea", &[], Point(2.0, 3.0, ""), "GULF"),
    ("Gulf of Mexico", &[], Point(25.0, -90.0, ""), "GULF"),
    ("Strait of Hormuz", &[], Point(26.5, 56.4, ""), "STRT"),
    (
        "Bab el-Mandeb",
        &["Bab al-Mandab", "Bab el-Mandeb Strait"],
        Point(12.6, 43.4, ""),
        "STRT",
    ),
    ("Taiwan Strait", &[], Point(24.5, 119.5, ""), "STRT"),
    ("Kerch Strait", &[], Point(45.3, 36.5, ""), "STRT"),
    ("English Channel", &[], Point(50.2, -1.0, ""), "CHN"),
    ("Lake Chad", &[], Point(13.0, 14.5, ""), "LK"),
    ("Indian Ocean", &[], Point(-20.0, 80.0, ""), "OCN"),
    (
        "Atlantic Ocean",
        &["Atlantic"],
        Point(15.0, -40.0, ""),
        "OCN",
    ),
    ("Pacific Ocean", &["Pacific"], Point(0.0, -160.0, ""), "OCN"),
    ("Arctic Ocean", &["Arctic"], Point(85.0, 0.0, ""), "OCN"),
];

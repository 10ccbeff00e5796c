"""Sample files shaped like the real exports."""

LINKEDIN_CSV = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email. You can learn more, too."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,"
    "Analytical Engines,Engineer,27 Sep 2013\r\n"
    'Jürgen,Müller-Šťastný,https://www.linkedin.com/in/juergen,jm@example.com,"Acme, Inc.",'
    '"Head of R&D, Europe",03 Jan 2024\r\n'
    "Zoë,,https://www.linkedin.com/in/zoe,,,,15 Feb 2020\r\n"
    "李,小龙,https://www.linkedin.com/in/li-xiaolong,,,,1 Mar 2021\r\n"
)

GOOGLE_HEADERS = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Yomi Name",
    "Birthday",
    "Notes",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Organization 1 - Type",
    "Organization 1 - Name",
    "Organization 1 - Title",
    "Website 1 - Type",
    "Website 1 - Value",
]

OUTLOOK_HEADERS = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business Phone",
    "Home Phone",
    "Mobile Phone",
    "Birthday",
    "E-mail Address",
    "E-mail 2 Address",
    "Notes",
    "Web Page",
]

VCARD_3 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Lovelace;Ada;;;\r\n"
    "FN:Ada Lovelace\r\n"
    "ORG:Analytical Engines Ltd;R&D\r\n"
    "TITLE:Engineer\r\n"
    "EMAIL;TYPE=INTERNET:ada.other@example.com\r\n"
    "EMAIL;TYPE=INTERNET,PREF:ada@example.com\r\n"
    "TEL;TYPE=CELL:+44 20 1234567\r\n"
    "URL:https://www.linkedin.com/in/ada\r\n"
    "URL:https://github.com/ada\r\n"
    "NOTE:Met at the Difference Engine demo. This note is long enough to be folded\r\n"
    "  over two lines.\r\n"
    "BDAY:1815-12-10\r\n"
    "ADR;TYPE=HOME:;;12 St James's Square;London;;SW1;UK\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Babbage;Charles;;;\r\n"
    "FN:Charles Babbage\r\n"
    "END:VCARD\r\n"
)

VCARD_4 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Grace Hopper\n"
    "N:Hopper;Grace;;;\n"
    "ORG:US Navy\n"
    "EMAIL;PREF=1:grace@example.com\n"
    'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-5555\n'
    "BDAY:19061209\n"
    "URL;TYPE=work:https://grace.example.com/\n"
    "NOTE:Invented the first compiler\\, and found\n"
    "  a moth.\n"  # a folded line: the first space is the fold, the second is text
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Linus\n"
    "BDAY:--1228\n"
    "X-SOCIALPROFILE;TYPE=github:https://github.com/torvalds\n"
    "END:VCARD\n"
)


def csv_text(headers: list[str], *rows: dict[str, str]) -> str:
    """A CSV with these headers, each row given as {header: value}."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue()


def linkedin_csv(count: int, start: int = 0) -> str:
    """A LinkedIn export with `count` connections, blank e-mails mostly, like a real one."""
    lines = [
        LINKEDIN_CSV.split("First Name")[0] + "First Name,Last Name,URL,Email Address,"
        "Company,Position,Connected On"
    ]
    for i in range(start, start + count):
        email = f"person{i}@example.com" if i % 10 == 0 else ""
        lines.append(
            f"Person,Number {i},https://www.linkedin.com/in/person-{i},{email},"
            f'"Company {i % 50}, Inc.",Developer,{(i % 28) + 1:02d} Sep 2013'
        )
    return "\r\n".join(lines) + "\r\n"

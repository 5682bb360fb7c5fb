"""Reads iCalendar text on stdin with Python's icalendar (an independent RFC 5545 parser) and
prints what the tests check as JSON. Refuses (exit 1) text the parser finds malformed."""
import json, sys
from icalendar import Calendar

raw = sys.stdin.buffer.read()
if b"\n" in raw.replace(b"\r\n", b""):
    sys.exit("a line ends without CR LF")
calendar = Calendar.from_ical(raw)
if calendar.errors:
    sys.exit(f"parse errors: {calendar.errors}")
events = []
for event in calendar.walk("VEVENT"):
    if event.errors:
        sys.exit(f"event errors: {event.errors}")
    events.append({
        "uid": str(event["UID"]),
        "sequence": int(event.get("SEQUENCE", 0)),
        "status": str(event.get("STATUS", "")),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "stamp": event.decoded("DTSTAMP").isoformat(),
        "summary": str(event.get("SUMMARY", "")),
        "location": str(event.get("LOCATION", "")),
        "organizer": str(event.get("ORGANIZER", "")),
        "attendees": [str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")] if event.get("ATTENDEE") else [])],
    })
print(json.dumps({
    "method": str(calendar.get("METHOD", "")),
    "version": str(calendar.get("VERSION", "")),
    "prodid": str(calendar.get("PRODID", "")),
    "name": str(calendar.get("X-WR-CALNAME", "")),
    "events": events,
}))

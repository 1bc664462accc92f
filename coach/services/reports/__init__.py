"""What leaves the bot as files: the chart, the CSV export, the clinician's PDF and the FHIR bundle."""

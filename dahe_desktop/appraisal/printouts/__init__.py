"""The appraisal's papers on the shared engine: blank score sheets for the meeting
(`score_sheets`), the results for public posting (`posting`, GB/T 9704) and a member's
result slip (`slip`). `common` gathers what they print from a run, as plain values."""

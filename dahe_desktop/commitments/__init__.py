"""Public commitments (公开承诺, seed §3.5): every member commits to 1 to 5 things a year.

`rules` checks records, `service` reads and writes them, `rollover` carries unfinished
ones into the next year, `postings` keeps each version printed for posting, `cards` and
`notice` print them, `demo` fills the demo township.
"""

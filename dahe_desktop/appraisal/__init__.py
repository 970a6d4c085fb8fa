"""The year-end 100-point appraisal and democratic appraisal (seed §3.6, 民主评议党员).

`rubrics` holds the four categories' 100-point rubrics (shipped defaults, editable),
`scoring` turns score sheets into results and suggested grades (pure, no store),
`runs` sets up a run per branch and year, `entry` takes the score sheets (entered twice),
`results` reads a run's results and records the committee's grades, `workbook` exports
and imports the score-sheet template, `context` tells what else is known of a member,
`demo` fills the demo township.
"""

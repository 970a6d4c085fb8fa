"""党员名片 (seed §3.8): the name card's layout and design, whom to print for and the
print log, and a whole print as the window and the CLI run it. Drawn on the engine in
`dahe_desktop.printing`."""

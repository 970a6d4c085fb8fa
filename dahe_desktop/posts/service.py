"""The one surface of 设岗定责 for the window and the command line."""

from dahe_desktop.posts.appointments import (
    add_duty_log,
    add_duty_logs,
    appoint_elected,
    appointment_terms,
    assign_post,
    end_appointment,
    list_appointments,
    list_duty_log,
    update_appointment,
)
from dahe_desktop.posts.catalogue import list_catalogue, save_catalogue_entry
from dahe_desktop.posts.records import (
    ApplicationInput,
    BallotInput,
    CandidateVotes,
    CatalogueEntry,
    PostInput,
)
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.posts.selection import (
    add_application,
    add_applications,
    find_selection,
    fix_candidates,
    list_applications,
    list_candidates,
    list_posts,
    open_post,
    reopen_candidates,
    selection_years,
    set_candidates,
    update_post,
    withdraw_application,
)
from dahe_desktop.posts.status import coverage, selection_status, township_overview
from dahe_desktop.posts.voting import (
    ballot_candidates,
    ballot_entry,
    entry_differences,
    post_results,
    save_ballot_entry,
    settle_tie,
    tally,
    tie_decisions,
)

__all__ = [
    "ApplicationInput", "BallotInput", "CandidateVotes", "CatalogueEntry", "PostInput", "PostsError", "add_application", "add_applications",
    "add_duty_log", "add_duty_logs", "appoint_elected", "appointment_terms", "assign_post", "ballot_candidates", "ballot_entry",
    "coverage", "end_appointment", "entry_differences", "find_selection", "fix_candidates", "list_applications",
    "list_appointments", "list_candidates", "list_catalogue", "list_duty_log", "list_posts", "open_post",
    "post_results", "reopen_candidates", "save_ballot_entry", "save_catalogue_entry", "selection_status", "selection_years",
    "set_candidates", "settle_tie", "tally", "tie_decisions", "township_overview", "update_appointment",
    "update_post", "withdraw_application",
]  # fmt: skip

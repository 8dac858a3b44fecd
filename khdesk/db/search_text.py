"""The folded texts that searches run on, as SQL expressions over ``khdesk_fold`` (which every
connection of the store registers; see ``khdesk.domain.text.fold``).

FTS5's tokenizer removes most diacritics but never folds đ → d, so khdesk indexes a pre-folded
shadow column instead (``../shared/docs/pitfalls.md`` §4.4). A task is found by its content and by
the names of its lead agencies.
"""
AGENCY_SEARCH_TEXT_SQL = """khdesk_fold(
    agencies.name || ' ' || coalesce(agencies.short_name, '') || ' ' ||
    coalesce((SELECT group_concat(alias, ' ') FROM agency_aliases WHERE agency_id = agencies.id), ''))"""

TASK_SEARCH_TEXT_SQL = """khdesk_fold(tasks.content) || ' ' || khdesk_fold(coalesce(tasks.given_in, '')) || ' ' ||
    coalesce((SELECT group_concat(a.search_text, ' ') FROM task_leads l JOIN agencies a ON a.id = l.agency_id
              WHERE l.task_id = tasks.id), '')"""

# the tasks an agency leads (for refreshing their search text), with the agency id as parameter
TASKS_LED_BY_SQL = "SELECT task_id FROM task_leads WHERE agency_id = ?"


def refresh_task_search(db, task_ids) -> None:
    """Recompute the folded search text of these tasks and put it in the search index. The index
    (``tasks_fts``) is kept by this code, not by triggers: a trigger that writes an FTS5 table is
    "unsafe use" under ``PRAGMA trusted_schema = OFF``, which every connection runs with."""
    rows = [(t,) for t in task_ids]
    db.conn.executemany(f"UPDATE tasks SET search_text = {TASK_SEARCH_TEXT_SQL} WHERE id = ?", rows)
    db.conn.executemany("DELETE FROM tasks_fts WHERE rowid = ?", rows)
    db.conn.executemany("INSERT INTO tasks_fts (rowid, search_text) SELECT id, search_text FROM tasks WHERE id = ?",
                        rows)


def forget_tasks(db, task_ids) -> None:
    """Take deleted tasks out of the search index."""
    db.conn.executemany("DELETE FROM tasks_fts WHERE rowid = ?", [(t,) for t in task_ids])

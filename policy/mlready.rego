# The gate of `mlready check` as policy, over the document `mlready check --format json`
# prints: one review, or {"passed": ..., "reviews": [...]} for several answers files.
#
#   mlready check --format json --soft-fail > review.json
#   conftest test review.json --policy policy/ --data policy/data.json
#
# The parameters are data.mlready (policy/data.json). One left out takes the value that
# `mlready check` takes without its option: fail on open blocker gaps and on unanswered
# applicable questions (minor checks aside) only. A message about a review starts with its
# answers file and names the checks that fail it.
package main

import rego.v1

# What `mlready check` does without options; the comment names the option.
defaults := {
	"fail_on": "blocker", # --fail-on: blocker, major or minor
	"fail_under": null, # --fail-under: a score from 0 to 100
	"allow_incomplete": false, # --allow-incomplete
	"max_age": null, # --max-age: days
	"today": null, # --today, for max_age: YYYY-MM-DD; null: the clock's date (UTC)
	"fail_on_overdue": false, # --fail-on-overdue
	"require_signoff": [], # --require-signoff: roles
	"fail_on_contradicted": false, # --fail-on-contradicted
	"require_owners": false, # --require-owners
}

params := object.union(defaults, data.mlready) if {
	is_object(data.mlready)
} else := defaults

severity_rank := {"blocker": 0, "major": 1, "minor": 2}

# The gaps whose overdue actions fail with fail_on_overdue, as in `mlready check`.
overdue_severities := {"blocker", "major"}

reviews := input.reviews if {
	is_array(input.reviews)
} else := [input]

# --- the parameters: a mistake there must fail, not let every review pass ---

deny contains msg if {
	not is_object(data.mlready)
	data.mlready
	msg := concat("", ["data.mlready: expected an object of parameters (got ", json.marshal(data.mlready), ")"])
}

deny contains msg if {
	is_object(data.mlready)
	some key, _ in data.mlready
	not key in object.keys(defaults)
	msg := concat("", [
		"data.mlready.", key, ": unknown parameter (parameters: ",
		concat(", ", sort(object.keys(defaults))), ")",
	])
}

deny contains msg if {
	not params.fail_on in object.keys(severity_rank)
	msg := bad_parameter("fail_on", "blocker, major or minor")
}

deny contains msg if {
	params.fail_under != null
	not is_score(params.fail_under)
	msg := bad_parameter("fail_under", "a score from 0 to 100, or null")
}

deny contains msg if {
	params.max_age != null
	not is_days(params.max_age)
	msg := bad_parameter("max_age", "a whole number of days, or null")
}

deny contains msg if {
	params.today != null
	not is_date(params.today)
	msg := bad_parameter("today", "a date YYYY-MM-DD, or null")
}

deny contains msg if {
	some key in ["allow_incomplete", "fail_on_overdue", "fail_on_contradicted", "require_owners"]
	not is_boolean(params[key])
	msg := bad_parameter(key, "true or false")
}

deny contains msg if {
	not roles(params.require_signoff)
	msg := bad_parameter("require_signoff", "a list of roles")
}

deny contains msg if {
	not is_array(input.reviews)
	not is_array(input.gaps)
	msg := "the input is not a document of `mlready check --format json`"
}

# Messages are joined with concat, not sprintf: regopy 1.5 (rego-cpp) keeps the quotes of
# some strings that sprintf formats; numbers alone go through it, with two decimals at most
# (scores are rounded to two, but %v prints a float like 81.43 as 81.43000000000001 there),
# trailing zeros and a bare point dropped: 50, 82.5, 81.43. A whole number goes through
# format_int instead: OPA (conftest) hands sprintf an integer as a Go int, which "%.2f"
# prints as "%!f(int=180)" (max_age, a review's age, a fail_under written as 80).
number(value) := format_int(value, 10) if {
	floor(value) == value
} else := trim_suffix(trim_right(sprintf("%.2f", [value]), "0"), ".")

bad_parameter(key, expected) := concat("", [
	"data.mlready.", key, ": expected ", expected,
	" (got ", json.marshal(params[key]), ")",
])

is_score(value) if {
	is_number(value)
	value >= 0
	value <= 100
}

is_days(value) if {
	is_number(value)
	value >= 0
	floor(value) == value
}

# A date the calendar holds: 2026-02-30 has the shape but no day, and a `today` that cannot be
# parsed would leave max_age to the clock.
is_date(value) if {
	is_string(value)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, value)
	time.parse_ns("2006-01-02", value)
}

roles(value) if {
	is_array(value)
	every role in value {
		is_string(role)
	}
}

# --- the gate, review by review ---

# With a baseline (`check --baseline`), a review fails on its regressions, not on its gaps.
judged_alone(review) if not review.regressions

open_gaps(review, severity) := sort([gap.id |
	some gap in review.gaps
	gap.severity == severity
	not gap.waived
])

deny contains msg if {
	some review in reviews
	judged_alone(review)
	ids := open_gaps(review, "blocker")
	count(ids) > 0
	msg := concat("", [review.file, ": open blocker gaps: ", concat(", ", ids)])
}

deny contains msg if {
	some review in reviews
	judged_alone(review)
	some severity, rank in severity_rank
	rank > 0
	rank <= severity_rank[params.fail_on]
	ids := open_gaps(review, severity)
	count(ids) > 0
	msg := concat("", [
		review.file, ": open ", severity, " gaps (fail_on ", params.fail_on, "): ",
		concat(", ", ids),
	])
}

# Minor checks are optional: unanswered, they do not fail the gate. The document gives the
# severity of every unanswered check among its gaps (or its upcoming gaps).
minor_checks(review) := {gap.id |
	some gap in array.concat(review.gaps, review.upcoming)
	gap.severity == "minor"
}

required_unanswered(review) := sort([id |
	some id in review.unanswered
	not id in minor_checks(review)
])

deny contains msg if {
	some review in reviews
	judged_alone(review)
	params.allow_incomplete == false
	ids := required_unanswered(review)
	count(ids) > 0
	msg := concat("", [
		review.file, ": applicable checks unanswered: ",
		concat(", ", ids),
	])
}

deny contains msg if {
	some review in reviews
	some regression in review.regressions
	msg := concat("", [review.file, ": regression against the baseline: ", regression])
}

deny contains msg if {
	some review in reviews
	is_score(params.fail_under)
	review.score == null
	msg := concat("", [review.file, ": no score to compare with fail_under ", number(params.fail_under)])
}

deny contains msg if {
	some review in reviews
	is_score(params.fail_under)
	is_number(review.score)
	review.score < params.fail_under
	ids := array.concat(
		open_gaps(review, "blocker"),
		array.concat(open_gaps(review, "major"), open_gaps(review, "minor")),
	)
	msg := concat("", [
		review.file, ": score ", number(review.score), " is below ", number(params.fail_under),
		"; open gaps, the most severe first: ", concat(", ", ids),
	])
}

day_ns := ((24 * 60) * 60) * 1000000000

today_ns := time.parse_ns("2006-01-02", params.today) if {
	is_date(params.today)
} else := now - (now % day_ns) if {
	now := time.now_ns()
}

deny contains msg if {
	some review in reviews
	is_days(params.max_age)
	not review.project.reviewed
	msg := concat("", [
		review.file, ": the review has no date (project.reviewed); max_age is ",
		number(params.max_age), " days",
	])
}

deny contains msg if {
	some review in reviews
	is_days(params.max_age)
	days := (today_ns - time.parse_ns("2006-01-02", review.project.reviewed)) / day_ns
	days > params.max_age
	msg := concat("", [
		review.file, ": the review is ", number(days), " days old (reviewed ",
		review.project.reviewed, "; max_age ", number(params.max_age), " days)",
	])
}

deny contains msg if {
	some review in reviews
	params.fail_on_overdue == true
	ids := sort([gap.id |
		some gap in review.gaps
		gap.overdue
		gap.severity in overdue_severities
	])
	count(ids) > 0
	msg := concat("", [
		review.file, ": overdue actions on blocker or major gaps: ",
		concat(", ", ids),
	])
}

deny contains msg if {
	some review in reviews
	roles(params.require_signoff)
	some role in params.require_signoff
	not signed_by(review, role)
	msg := concat("", [review.file, ": no sign-off by a ", role])
}

deny contains msg if {
	some review in reviews
	roles(params.require_signoff)
	some role in params.require_signoff
	signed_by(review, role)
	not signed_current_by(review, role)
	msg := concat("", [
		review.file, ": the sign-off by a ", role,
		" is for answers that changed since",
	])
}

signed_by(review, role) if {
	some signoff in review.signoff
	signoff.role == role
}

signed_current_by(review, role) if {
	some signoff in review.signoff
	signoff.role == role
	signoff.current == true
}

deny contains msg if {
	some review in reviews
	params.fail_on_contradicted == true
	ids := sort([id | some id; review.evidence[id].state == "contradicted"])
	count(ids) > 0
	msg := concat("", [
		review.file, ": answers the repository does not show: ",
		concat(", ", ids),
	])
}

# A document of an mlready from before --require-owners has no unowned_conditions: it cannot
# show its conditions owned, so it fails rather than pass unread.
deny contains msg if {
	some review in reviews
	params.require_owners == true
	not is_array(review.unowned_conditions)
	msg := concat("", [
		review.file, ": no unowned_conditions in the document (require_owners needs ",
		"`mlready check --format json` of a version that writes them)",
	])
}

deny contains msg if {
	some review in reviews
	params.require_owners == true
	count(review.unowned_conditions) > 0
	msg := concat("", [
		review.file, ": conditions of the level without an owner and a due date within 90 days: ",
		concat(", ", review.unowned_conditions),
	])
}

# --- what does not fail, as `check` notes it: conftest prints these as warnings ---

warn contains msg if {
	some review in reviews
	some id in review.expired_waivers
	msg := concat("", [review.file, ": the waiver of ", id, " has expired"])
}

warn contains msg if {
	some review in reviews
	ids := sort([gap.id |
		some gap in review.gaps
		gap.overdue
		not overdue_denied(gap)
	])
	count(ids) > 0
	msg := concat("", [review.file, ": overdue actions: ", concat(", ", ids)])
}

overdue_denied(gap) if {
	params.fail_on_overdue == true
	gap.severity in overdue_severities
}

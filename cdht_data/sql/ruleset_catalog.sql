-- Rule sets with their groups, for the definitions page.
SELECT r.ruleset_id, r.name, r.decision, r.valid_from, r.valid_to, r.pass_mark,
       r.indicator_floor, g.group_no, g.group_name, g.short_name
FROM rulesets r
JOIN ruleset_groups g USING (ruleset_id)
ORDER BY r.valid_from, g.group_no

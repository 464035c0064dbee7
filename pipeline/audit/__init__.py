"""Audits: findings inside one plan, and diffs between plans or pipeline versions."""

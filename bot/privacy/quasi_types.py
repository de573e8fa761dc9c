"""What a quasi-identifier rule reports."""

from typing import NamedTuple


class QuasiFinding(NamedTuple):
    entity: str  # SCHOOL, HEALTH_SETTING, PLACE, ORG, VEHICLE_REG or SOCIAL_HANDLE
    start: int
    end: int
    rule: str

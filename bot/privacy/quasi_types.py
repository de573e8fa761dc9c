"""What a quasi-identifier rule reports."""

from typing import NamedTuple


class QuasiFinding(NamedTuple):
    # SCHOOL, HEALTH_SETTING, PLACE, ORG, VEHICLE_REG or SOCIAL_HANDLE; spoken_codes reports
    # the direct identifiers it decodes (CASE_NUMBER, POSTCODE, EMAIL ...) in the same shape.
    entity: str
    start: int
    end: int
    rule: str

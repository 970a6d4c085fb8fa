"""The optional start-up password: a salted scrypt hash, never the password itself."""

import pytest

from dahe_desktop import settings
from dahe_desktop.safety.password import (
    PASSWORD,
    PasswordError,
    check_password,
    has_password,
    set_password,
    wrong_try_delay,
)


def test_no_password_lets_everyone_in(db):
    assert not has_password() and check_password("")


def test_a_password_is_stored_salted_and_checked(db):
    set_password("草原1234")
    stored = settings.get(PASSWORD)
    assert "草原1234" not in str(stored) and len(stored["salt"]) == 32
    assert check_password("草原1234") and not check_password("草原1235")
    set_password("草原1234", old="草原1234")  # the same password again: a new salt, a new hash
    assert settings.get(PASSWORD)["hash"] != stored["hash"]


def test_changing_or_removing_needs_the_old_one(db):
    set_password("abcd")
    with pytest.raises(PasswordError):
        set_password("efgh", old="wrong")
    with pytest.raises(PasswordError):
        set_password("ab", old="abcd")
    set_password("", old="abcd")
    assert not has_password()


def test_wrong_tries_wait_longer_and_longer_up_to_half_a_minute():
    assert [wrong_try_delay(n) for n in (1, 2, 3, 4)] == [0, 1, 2, 4]
    assert wrong_try_delay(50) == 30

//! Circles and their members: names unique regardless of case, settings per member and the
//! confidential don't-pair lists.

use std::collections::BTreeMap;

use crate::{query, query_as, query_scalar, Conn, DbError, Row};
use hallway_domain::{CircleId, CircleName, PersonId};
use hallway_store::convert::{self, CircleRow};
use hallway_store::Missing;
use hallway_store::{
    Circle, CircleMember, CircleMembershipExport, MemberSettings, NewCircle, StoreError,
    StoreResult,
};

use crate::error::{db, reference, unique};

const CIRCLE_SELECT: &str = "SELECT id, name, description, cadence, shape, cooldown_days, \
     created_by, team_id FROM circles";

fn circle(row: &Row) -> StoreResult<Circle> {
    let get = || -> Result<CircleRow, DbError> {
        Ok(CircleRow {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            cadence: row.try_get("cadence")?,
            shape: row.try_get("shape")?,
            cooldown_days: row.try_get("cooldown_days")?,
            created_by: row.try_get("created_by")?,
            team: row.try_get("team_id")?,
        })
    };
    convert::circle(get().map_err(db(Missing::Circle))?)
}

pub async fn create(conn: &mut dyn Conn, new: &NewCircle) -> StoreResult<Circle> {
    let name = new.name.as_str();
    let id: i64 = query_scalar(
        "INSERT INTO circles (name, description, cadence, shape, cooldown_days, created_by, \
         team_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(name)
    .bind(&new.description)
    .bind(new.cadence.as_str())
    .bind(new.shape.as_str())
    .bind(i64::from(new.cooldown_days))
    .bind(new.created_by.map(|p| p.0))
    .bind(new.team.map(|t| t.0))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match &e {
        d if d.is_foreign_key_violation() => StoreError::NotFound(Missing::PersonOrTeam),
        _ => unique(Missing::Circle, || {
            format!("a circle named {name:?} already exists")
        })(e),
    })?;
    get(conn, CircleId(id)).await
}

pub async fn all(conn: &mut dyn Conn) -> StoreResult<Vec<Circle>> {
    let rows = query(format!("{CIRCLE_SELECT} ORDER BY lower(name), id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::Circle))?;
    rows.iter().map(circle).collect()
}

pub async fn get(conn: &mut dyn Conn, id: CircleId) -> StoreResult<Circle> {
    let row = query(format!("{CIRCLE_SELECT} WHERE id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Circle))?;
    circle(&row)
}

pub async fn by_name(conn: &mut dyn Conn, name: &CircleName) -> StoreResult<Circle> {
    let row = query(format!("{CIRCLE_SELECT} WHERE lower(name) = lower($1)"))
        .bind(name.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Circle))?;
    circle(&row)
}

pub async fn set_member(
    conn: &mut dyn Conn,
    circle: CircleId,
    person: PersonId,
    settings: &MemberSettings,
) -> StoreResult<CircleMember> {
    query(
        "INSERT INTO circle_members \
         (circle_id, person_id, opted_in, snoozed_until, preferred_frequency) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (circle_id, person_id) DO UPDATE SET \
         opted_in = excluded.opted_in, snoozed_until = excluded.snoozed_until, \
         preferred_frequency = excluded.preferred_frequency",
    )
    .bind(circle.0)
    .bind(person.0)
    .bind(settings.opted_in)
    .bind(settings.snoozed_until.map(convert::date_text))
    .bind(settings.preferred_frequency.map(|c| c.as_str()))
    .execute(&mut *conn)
    .await
    .map_err(reference(Missing::CircleMember, Missing::CircleOrPerson))?;
    members(conn, circle)
        .await?
        .into_iter()
        .find(|m| m.person == person)
        .ok_or(StoreError::NotFound(Missing::CircleMember))
}

/// circle_id, person_id, opted_in, snoozed_until, preferred_frequency.
type MemberColumns = (i64, i64, bool, Option<String>, Option<String>);

fn member_row(row: &Row) -> StoreResult<(i64, i64, MemberSettings)> {
    let get = || -> Result<MemberColumns, DbError> {
        Ok((
            row.try_get("circle_id")?,
            row.try_get("person_id")?,
            row.try_get("opted_in")?,
            row.try_get("snoozed_until")?,
            row.try_get("preferred_frequency")?,
        ))
    };
    let (circle, person, opted_in, snoozed, frequency) =
        get().map_err(db(Missing::CircleMember))?;
    Ok((
        circle,
        person,
        convert::member_settings(opted_in, snoozed, frequency)?,
    ))
}

async fn exclusions(
    conn: &mut dyn Conn,
    circle: CircleId,
) -> StoreResult<BTreeMap<i64, Vec<PersonId>>> {
    let rows: Vec<(i64, i64)> = query_as(
        "SELECT person_id, other_id FROM circle_exclusions WHERE circle_id = $1 \
         ORDER BY person_id, other_id",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::CircleExclusion))?;
    let mut map: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (person, other) in rows {
        map.entry(person).or_default().push(PersonId(other));
    }
    Ok(map)
}

pub async fn members(conn: &mut dyn Conn, circle: CircleId) -> StoreResult<Vec<CircleMember>> {
    let rows = query(
        "SELECT circle_id, person_id, opted_in, snoozed_until, preferred_frequency \
         FROM circle_members WHERE circle_id = $1 ORDER BY person_id",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::CircleMember))?;
    let mut excluded = exclusions(conn, circle).await?;
    rows.iter()
        .map(|row| {
            let (circle, person, settings) = member_row(row)?;
            Ok(CircleMember {
                circle: CircleId(circle),
                person: PersonId(person),
                settings,
                do_not_pair_with: excluded.remove(&person).unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn exclude(
    conn: &mut dyn Conn,
    circle: CircleId,
    person: PersonId,
    other: PersonId,
) -> StoreResult<()> {
    if person == other {
        return Err(StoreError::Conflict(
            "nobody can be on their own don't-pair list".to_owned(),
        ));
    }
    query(
        "INSERT INTO circle_exclusions (circle_id, person_id, other_id) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(circle.0)
    .bind(person.0)
    .bind(other.0)
    .execute(&mut *conn)
    .await
    .map_err(reference(Missing::CircleExclusion, Missing::CircleMember))?;
    Ok(())
}

/// A person's memberships with their own don't-pair lists, for their export.
pub async fn memberships_of(
    conn: &mut dyn Conn,
    person: PersonId,
) -> StoreResult<Vec<CircleMembershipExport>> {
    let rows = query(
        "SELECT c.name, m.circle_id, m.person_id, m.opted_in, m.snoozed_until, \
         m.preferred_frequency FROM circle_members m JOIN circles c ON c.id = m.circle_id \
         WHERE m.person_id = $1 ORDER BY lower(c.name)",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::CircleMember))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let name: String = row.try_get("name").map_err(db(Missing::Circle))?;
        let (circle, _, settings) = member_row(row)?;
        let mut excluded = exclusions(conn, CircleId(circle)).await?;
        out.push(CircleMembershipExport {
            circle: name,
            settings,
            do_not_pair_with: excluded.remove(&person.0).unwrap_or_default(),
        });
    }
    Ok(out)
}

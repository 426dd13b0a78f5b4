-- platctl state, version 1: stacks (lineage, serial), one row per resource, history per apply, lock holders.
-- ${schema} is replaced by the quoted schema name from the backend block.

create table ${schema}.stacks (
    stack   text   primary key,
    lineage text   not null,
    serial  bigint not null
);

create table ${schema}.resources (
    stack   text not null,
    address text not null,
    body    json not null,
    primary key (stack, address)
);

create table ${schema}.history (
    id     bigint generated always as identity primary key,
    stack  text   not null,
    serial bigint not null,
    body   json   not null
);

create index history_by_stack on ${schema}.history (stack, id);

create table ${schema}.locks (
    stack       text        primary key,
    lock_id     text        not null,
    info        json        not null,
    backend_pid integer     not null,
    acquired_at timestamptz not null default now()
);
